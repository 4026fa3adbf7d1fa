package dev.vigil.report.generated;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.linked.CollectionCoverage;
import dev.vigil.report.linked.EvaluatedResource;
import dev.vigil.report.linked.LinkedServices;
import dev.vigil.report.upload.EvidencePublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Generates every document a {@link DocumentGenerator} can derive from collected evidence, on a timer and on request:
 * reads the evaluator's resources of the generator's types (only from collections that completed: a partial one
 * would make a partial list look complete), builds the snapshot, keeps it in the evidence store by sha256 and
 * publishes it as document evidence, exactly as an upload. A snapshot identical to the last one of the same day is
 * not generated again, so the timer costs nothing between changes; a new day is a new snapshot, so a generated
 * document never ages past its maximum age while its sources are collected.
 */
@ApplicationScoped
public class DocumentGeneration {
    private static final Logger LOG = Logger.getLogger(DocumentGeneration.class);

    private final List<DocumentGenerator> generators;
    private final LinkedServices linked;
    private final EvidenceStore store;
    private final EvidencePublisher publisher;
    private final Clock clock;
    private final String version;

    public DocumentGeneration(Instance<DocumentGenerator> generators, Catalogue catalogue, LinkedServices linked,
                              EvidenceStore store, EvidencePublisher publisher, Clock clock,
                              @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                              String version) {
        this.generators = generators.stream().sorted(Comparator.comparing(DocumentGenerator::name)).toList();
        this.linked = linked;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.version = version;
        checkAgainst(catalogue, this.generators);
    }

    /**
     * What one generator did: {@code generated} (a new snapshot, published), {@code unchanged} (today's snapshot
     * already says this) or {@code skipped} (the reason says what the collected data could not show).
     */
    public record Outcome(String generator, String controlId, String documentType, String result, String reason,
                          String sha256, String evidenceId, Integer entries) {
    }

    /** A generator for a control or document type the catalogue does not have would generate evidence of nothing. */
    static void checkAgainst(Catalogue catalogue, List<DocumentGenerator> generators) {
        List<String> problems = new ArrayList<>();
        for (DocumentGenerator g : generators) {
            Optional<ControlDefinition> control = catalogue.control(g.controlId());
            if (control.isEmpty()) {
                problems.add(g.name() + ": unknown control " + g.controlId());
            } else if (control.get().document(g.documentType()).isEmpty()) {
                problems.add(g.name() + ": " + g.controlId() + " requires no document '" + g.documentType() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid document generators: " + String.join("; ", problems));
        }
    }

    public List<DocumentGenerator> generators() {
        return generators;
    }

    @Scheduled(every = "${vigil.report.generated.interval:1h}", delayed = "${vigil.report.generated.initial-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        generateAll();
    }

    /** Runs every generator; one that cannot generate says why and does not stop the others. */
    public synchronized List<Outcome> generateAll() {
        LinkedServices.Answer<List<CollectionCoverage>> coverage = linked.coverage();
        List<Outcome> outcomes = new ArrayList<>();
        for (DocumentGenerator g : generators) {
            Outcome outcome = coverage.ok() ? generate(g, coverage.value())
                    : skipped(g, "the evaluator's coverage is unavailable: " + coverage.unavailable());
            if (!"unchanged".equals(outcome.result())) {
                LOG.infof("%s (%s %s): %s%s", g.name(), g.controlId(), g.documentType(), outcome.result(),
                        outcome.reason() == null ? "" : ", " + outcome.reason());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    @Transactional
    public List<GeneratedRecord> list(String controlId) {
        return GeneratedRecord.newestFirst(controlId);
    }

    /** The generated document with these bytes; empty when none was generated with them or the store lost them. */
    @Transactional
    public Optional<byte[]> file(String sha256) {
        return GeneratedRecord.latestWithSha256(sha256).flatMap(r -> store.get(r.sha256));
    }

    private Outcome generate(DocumentGenerator g, List<CollectionCoverage> coverage) {
        Map<String, List<SourceResource>> resources = new LinkedHashMap<>();
        Set<String> notCollected = new HashSet<>();
        for (String type : g.resourceTypes()) {
            List<CollectionCoverage> runs = coverage.stream().filter(c -> type.equals(c.resourceType())).toList();
            if (runs.isEmpty()) {
                notCollected.add(type); // that system is not connected: the document names it
                continue;
            }
            Optional<CollectionCoverage> incomplete = runs.stream().filter(c -> !c.completed()).findFirst();
            if (incomplete.isPresent()) {
                return skipped(g, "the last collection of " + type + " from " + incomplete.get().source() + " is "
                        + incomplete.get().runState() + ", not COMPLETED");
            }
            LinkedServices.Answer<List<EvaluatedResource>> answer = linked.resourcesWithFacts(List.of(type));
            if (!answer.ok()) {
                return skipped(g, answer.unavailable());
            }
            List<SourceResource> inScope = new ArrayList<>();
            for (EvaluatedResource r : answer.value()) {
                if (!r.inScope()) {
                    continue;
                }
                if (r.facts() == null) {
                    return skipped(g, "the evaluator answered " + r.resourceKey() + " without its facts "
                            + "(it predates GET /api/resources?facts=true)");
                }
                inScope.add(new SourceResource(r.resourceKey(), r.resourceType(), r.evidenceId(), r.observedAt(),
                        r.responseSha256(), r.facts()));
            }
            resources.put(type, inScope);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            return record(GeneratedDocument.of(g, new SourceData(resources, notCollected), today));
        } catch (IncompleteSourceException e) {
            return skipped(g, e.getMessage());
        }
    }

    @Transactional
    Outcome record(GeneratedDocument doc) {
        Optional<GeneratedRecord> latest = GeneratedRecord.latestOf(doc.generator());
        if (latest.isPresent() && latest.get().effectiveDate.equals(doc.effectiveDate())
                && latest.get().contentSha256.equals(doc.contentSha256())) {
            GeneratedRecord r = latest.get();
            return new Outcome(doc.generator(), doc.controlId(), doc.documentType(), "unchanged",
                    "today's snapshot already lists this", r.sha256, r.evidenceId, r.entryCount);
        }
        String sha256 = store.put(doc.json());
        UUID runId = UUID.randomUUID();
        Instant now = clock.instant();
        EvidenceEvent event = GeneratedDocumentEvidence.event(doc, sha256, runId.toString(), now, version);
        GeneratedRecord row = new GeneratedRecord();
        row.generationId = runId;
        row.generator = doc.generator();
        row.controlId = doc.controlId();
        row.documentType = doc.documentType();
        row.effectiveDate = doc.effectiveDate();
        row.contentSha256 = doc.contentSha256();
        row.sha256 = sha256;
        row.evidenceId = event.id();
        row.resourceKey = event.resourceKey();
        row.entryCount = doc.entries().size();
        row.sourceCount = doc.sources().size();
        row.sizeBytes = doc.json().length;
        row.generatedAt = event.observedAt();
        row.persistAndFlush();
        // The row commits only once the broker acknowledged the evidence, as for an upload.
        publisher.publish(event);
        return new Outcome(doc.generator(), doc.controlId(), doc.documentType(), "generated", null, sha256,
                event.id(), doc.entries().size());
    }

    private static Outcome skipped(DocumentGenerator g, String reason) {
        return new Outcome(g.name(), g.controlId(), g.documentType(), "skipped", reason, null, null, null);
    }
}
