package dev.vigil.evaluator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.Times;
import dev.vigil.evaluator.Json;
import dev.vigil.evaluator.domain.ControlEvaluator;
import dev.vigil.evaluator.domain.ControlResult;
import dev.vigil.evaluator.domain.CoverageGap;
import dev.vigil.evaluator.domain.ResourceView;
import dev.vigil.evaluator.domain.Verdict;
import dev.vigil.evaluator.store.ControlState;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.ResourceState;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates controls whose inputs changed and publishes their new status. Ingestion only marks controls
 * dirty; evaluation runs on a short timer so a run of ten thousand resources costs one evaluation, not ten
 * thousand. Every control is dirty at start-up, so a crash between ingestion and evaluation loses nothing.
 */
@ApplicationScoped
public class ControlEvaluationService {
    private static final Logger LOG = Logger.getLogger(ControlEvaluationService.class);
    private static final TypeReference<Map<String, Verdict>> VERDICTS = new TypeReference<>() {
    };
    private static final TypeReference<List<RunFailure>> FAILURES = new TypeReference<>() {
    };

    @Inject
    Catalogue catalogue;
    @Inject
    RuleRegistry rules;
    @Inject
    StatusPublisher publisher;
    @Inject
    DirtyControls dirty;

    Clock clock = Clock.systemUTC();

    void onStart(@Observes StartupEvent start) {
        catalogue.controls().stream().filter(ControlDefinition::automated).forEach(c -> dirty.mark(c.id()));
    }

    /** Resource types changed: every automated control judging one of them needs evaluating. */
    public void resourceTypesChanged(Collection<String> types) {
        if (types.isEmpty()) {
            return;
        }
        for (ControlDefinition c : catalogue.controls()) {
            if (c.automated() && rules.resourceTypesOf(c).stream().anyMatch(types::contains)) {
                dirty.mark(c.id());
            }
        }
    }

    @Scheduled(every = "${vigil.evaluator.evaluation-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluateDirtyControls() {
        for (String id : dirty.drain()) {
            try {
                evaluateAndPublish(catalogue.control(id).orElseThrow());
            } catch (RuntimeException e) {
                dirty.mark(id); // try again on the next tick
                LOG.errorf(e, "evaluating %s failed; will retry", id);
            }
        }
    }

    @Transactional
    public ControlResult evaluateAndPublish(ControlDefinition control) {
        Set<String> types = rules.resourceTypesOf(control);
        List<ResourceView> resources = ResourceState.inScopeOfTypes(types).stream().map(this::view).toList();
        List<Coverage> coverage = Coverage.ofTypes(types);
        List<CoverageGap> gaps = new ArrayList<>();
        for (Coverage c : coverage) {
            for (RunFailure f : Json.read(c.gaps, FAILURES)) {
                gaps.add(new CoverageGap(c.source, c.resourceType, f.resourceKey(), f.reason(), f.missingPermission()));
            }
        }
        boolean everCollected = !coverage.isEmpty() || ResourceState.anyOfTypes(types);
        ControlResult result = ControlEvaluator.evaluate(control, resources, gaps, everCollected);

        ControlState state = ControlState.findById(control.id());
        if (state != null && state.fingerprint.equals(result.fingerprint())) {
            return result; // nothing an observer could see has changed
        }
        Instant now = Times.micros(clock.instant());
        if (state != null && !now.isAfter(state.evaluatedAt)) {
            now = state.evaluatedAt.plus(1, java.time.temporal.ChronoUnit.MICROS); // keep evaluation times strictly increasing per control
        }
        publisher.publish(new ControlStatusEvent(control.id(), result.status(), now, result.resourcesInScope(),
                result.failingResources(), result.reason()));
        if (state == null) {
            state = new ControlState();
            state.controlId = control.id();
        }
        state.status = result.status().name();
        state.evaluatedAt = now;
        state.resourcesInScope = result.resourcesInScope();
        state.failingResources = Json.write(result.failingResources());
        state.reason = result.reason();
        state.fingerprint = result.fingerprint();
        state.persist();
        LOG.infof("%s is %s (%d in scope, %d failing)", control.id(), result.status(), result.resourcesInScope(),
                result.failingResources().size());
        return result;
    }

    private ResourceView view(ResourceState s) {
        return new ResourceView(s.resourceKey, s.resourceType, s.source, s.evidenceId, s.observedAt,
                Json.read(s.provenance, Provenance.class), Json.read(s.verdicts, VERDICTS));
    }
}
