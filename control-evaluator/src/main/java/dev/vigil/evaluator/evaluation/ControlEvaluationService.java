package dev.vigil.evaluator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.access.GracefulStop;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.StatusEventBounds;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.domain.ControlEvaluator;
import dev.vigil.evaluator.domain.ControlInputs;
import dev.vigil.evaluator.domain.ControlResult;
import dev.vigil.evaluator.domain.CoverageGap;
import dev.vigil.evaluator.domain.DocumentView;
import dev.vigil.evaluator.domain.PassingResources;
import dev.vigil.evaluator.domain.ResourceView;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.evaluator.store.ControlState;
import dev.vigil.evaluator.store.Coverage;
import dev.vigil.evaluator.store.ExceptionRecord;
import dev.vigil.evaluator.store.Locks;
import dev.vigil.evaluator.store.PublishedStatus;
import dev.vigil.evaluator.store.ResourceState;
import dev.vigil.evaluator.store.ScopingRecord;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Evaluates controls whose inputs changed and publishes their new status. Ingestion and the API only mark
 * controls dirty; evaluation runs on a short timer, so a run of ten thousand resources costs one evaluation,
 * not ten thousand. Every control is dirty at start-up (a crash between ingestion and evaluation loses
 * nothing) and again on every time sweep, because time alone changes statuses: evidence ages into STALE and
 * exceptions expire.
 *
 * <p>Several instances may run: each evaluates a control under that control's lock ({@link Locks#lockControl}), so
 * two never publish for one change, and every status published gets the control's next version.
 */
@ApplicationScoped
public class ControlEvaluationService {
    public static final String DOCUMENT_TYPE = "manual.document";
    private static final Logger LOG = Logger.getLogger(ControlEvaluationService.class);
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
    @Inject
    EvaluatorClock clock;
    @Inject
    EvaluatorMetrics metrics;
    @Inject
    EntityManager em;
    @Inject
    ControlResources controlResources;
    @Inject
    StatusEventConfig statusEvents;
    @Inject
    EvaluationPace pace;
    @Inject
    Locks locks;
    /** Once the service stops, a tick still running stops instead of failing on a closed database. */
    @Inject
    GracefulStop gracefulStop;

    void onStart(@Observes StartupEvent start) {
        markAllDirty();
    }


    public void markAllDirty() {
        catalogue.controls().forEach(c -> dirty.mark(c.id()));
    }

    public void controlChanged(String controlId) {
        pace.inputArrived(System.nanoTime());
        dirty.mark(controlId);
    }

    /** Resource types changed: every control judging one of them needs evaluating. */
    public void resourceTypesChanged(Collection<String> types) {
        if (!types.isEmpty()) {
            pace.inputArrived(System.nanoTime());
        }
        types.forEach(type -> rules.controlsJudging(type).forEach(dirty::mark));
    }

    @Scheduled(every = "${vigil.evaluator.time-sweep-interval:60s}", delayed = "${vigil.evaluator.time-sweep-interval:60s}")
    void timeSweep() {
        markAllDirty();
    }

    @Scheduled(every = "${vigil.evaluator.evaluation-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluateDirtyControls() {
        long start = System.nanoTime();
        if (!pace.due(start)) {
            return; // the dirty controls stay marked for a later tick
        }
        List<String> due = dirty.drain();
        for (String id : due) {
            if (gracefulStop.stopping()) {
                return; // evaluated again at the next start: every control is dirty then
            }
            MDC.put("controlId", id); // in every log line of its evaluation (JSON logs carry the MDC)
            try {
                evaluateAndPublish(catalogue.control(id).orElseThrow());
            } catch (RuntimeException e) {
                dirty.mark(id); // try again on the next tick
                LOG.errorf(e, "evaluating %s failed; will retry", id);
            } finally {
                MDC.remove("controlId");
            }
        }
        if (!due.isEmpty()) {
            pace.ran(start, System.nanoTime());
        }
    }

    /**
     * Evaluates the control and publishes its status if it changed.
     *
     * <p>Every instance evaluates every control (at start, on each sweep, when its inputs change), so the control is
     * locked first, for this transaction: a transaction-scoped advisory lock rather than a lease table or a row lock
     * because it needs no row to exist yet (a control never evaluated has none), no expiry or fencing token (it ends
     * with the transaction, also when the instance dies) and no clean-up. Taken before anything is read, it makes
     * every read below (READ COMMITTED: a snapshot per statement) see what the previous holder recorded: a second
     * instance evaluating the same change finds the fingerprint it would publish already recorded and publishes
     * nothing. The version is the recorded one plus one, written in the same transaction as the publication: strictly
     * increasing per control. Should the transaction fail after the broker took the event, the next evaluation
     * publishes the same version again, later: consumers let the later evaluation of one version win.
     */
    @Transactional
    public ControlResult evaluateAndPublish(ControlDefinition control) {
        long started = System.nanoTime();
        locks.lockControl(control.id());
        Instant now = clock.now();
        ControlResult result = ControlEvaluator.evaluate(gather(control, now));

        ControlState state = ControlState.findById(control.id());
        if (state != null && state.fingerprint.equals(result.fingerprint())) {
            metrics.evaluated(System.nanoTime() - started, false);
            return result; // nothing an observer could see has changed
        }
        Instant at = state != null && !now.isAfter(state.evaluatedAt)
                ? state.evaluatedAt.plus(1, ChronoUnit.MICROS) // evaluation times strictly increase per control
                : now;
        // The event lists the first failing resources and counts them all (it must fit in a Kafka record); the whole
        // list is kept below, in this transaction, for the dashboard and auditors. Whether to publish is decided on
        // the whole list (the fingerprint), so a change past the listed ones is still a new status.
        String failing = JsonColumns.write(result.failingResources());
        long version = (state == null ? 0 : state.version) + 1;
        ControlStatusEvent event = StatusEventBounds.event(control.id(), result.status(), at, result.resourcesInScope(),
                result.failingResources(), result.reason(), statusEvents.failingResourcesInEvent()).withVersion(version)
                .withParts(result.automated(), StatusEventBounds.documents(result.documents()));
        PublishedStatus published = new PublishedStatus();
        published.controlId = control.id();
        published.evaluatedAt = event.evaluatedAt();
        published.status = result.status().name();
        published.resourcesInScope = result.resourcesInScope();
        published.failingResourceCount = result.failingResources().size();
        published.failingResources = failing;
        published.reason = result.reason();
        published.version = version;
        published.automatedPart = result.automated() == null ? null : JsonColumns.write(result.automated());
        published.documentPart = result.documents() == null ? null : JsonColumns.write(result.documents());
        published.persist();
        publisher.publish(event);
        if (state == null) {
            state = new ControlState();
            state.controlId = control.id();
        }
        state.status = result.status().name();
        state.evaluatedAt = event.evaluatedAt(); // as published (microseconds), so the two tables agree
        state.resourcesInScope = result.resourcesInScope();
        state.failingResources = failing;
        state.reason = result.reason();
        state.fingerprint = result.fingerprint();
        state.version = version;
        state.persist();
        LOG.infof("%s is %s (%d in scope, %d failing; version %d)", control.id(), result.status(),
                result.resourcesInScope(), result.failingResources().size(), version);
        metrics.evaluated(System.nanoTime() - started, true);
        return result;
    }

    private ControlInputs gather(ControlDefinition control, Instant now) {
        List<ResourceView> resources = List.of();
        PassingResources passing = PassingResources.NONE;
        List<CoverageGap> gaps = new ArrayList<>();
        boolean everCollected = false;
        if (control.automated()) {
            Set<String> types = rules.resourceTypesOf(control);
            List<String> ruleIds = control.rules().stream().map(RuleMapping::id).toList();
            resources = controlResources.notPassing(types, ruleIds);
            passing = controlResources.passing(types, ruleIds, now.minus(freshness(control)));
            List<Coverage> coverage = Coverage.ofTypes(types);
            for (Coverage c : coverage) {
                for (RunFailure f : JsonColumns.read(c.gaps, FAILURES)) {
                    gaps.add(new CoverageGap(c.source, c.resourceType, f.resourceKey(), f.reason(), f.missingPermission()));
                }
            }
            // A run that read a type in full but whose evidence is still on its way (its scope not settled) has not
            // yet shown what is there: until it does, "nothing in scope" would be said of resources not yet stored.
            everCollected = coverage.stream().anyMatch(c -> c.scopeSettled) || ResourceState.anyOfTypes(types);
        }
        List<DocumentView> documents = control.evidence() == EvidenceKind.AUTOMATED ? List.of() : documentsOf(control.id());
        return new ControlInputs(control, resources, passing, gaps, everCollected, freshness(control), documents,
                RequiredDocuments.of(control),
                ExceptionRecord.unrevokedFor(control.id()).stream().map(ExceptionRecord::toDomain).toList(),
                ScopingRecord.activeFor(control.id()).map(ScopingRecord::toDomain).orElse(null),
                now);
    }

    /** Automated evidence must be as recent as the control operates: at least daily for ongoing controls. */
    static Duration freshness(ControlDefinition control) {
        return Duration.ofDays(control.frequency().maxAgeDays());
    }

    @SuppressWarnings("unchecked")
    private List<DocumentView> documentsOf(String controlId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT r.resource_key, e.facts->>'documentType', e.facts->>'effectiveDate', r.evidence_id,
                               e.facts->>'approver'
                          FROM resource_state r JOIN evidence_item e ON e.evidence_id = r.evidence_id
                         WHERE r.resource_type = ?1 AND r.in_scope AND e.facts->>'controlId' = ?2
                        """)
                .setParameter(1, DOCUMENT_TYPE)
                .setParameter(2, controlId)
                .getResultList();
        List<DocumentView> docs = new ArrayList<>();
        for (Object[] r : rows) {
            try {
                docs.add(new DocumentView((String) r[0], (String) r[1], LocalDate.parse((String) r[2]), (String) r[3],
                        (String) r[4]));
            } catch (RuntimeException e) {
                LOG.warnf("document %s of %s has no valid effectiveDate; ignored", r[0], controlId);
            }
        }
        return docs;
    }
}
