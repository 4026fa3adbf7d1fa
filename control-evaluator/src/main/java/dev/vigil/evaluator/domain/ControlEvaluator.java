package dev.vigil.evaluator.domain;

import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.FailingResource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a control's inputs into its status. The order of precedence is what an auditor expects:
 * <ol>
 *   <li>NOT_APPLICABLE only through a recorded scoping decision;</li>
 *   <li>FAIL when any resource fails a rule and no active exception accepts that failure (even if something
 *   else was unreadable: the reason says what);</li>
 *   <li>NOT_EVALUATED when a feeding collection was unreadable or evidence lacks what a rule needs: never PASS;</li>
 *   <li>STALE when evidence (or a required document) is older than the control's freshness window;</li>
 *   <li>DOCUMENT_MISSING when a control evidenced both ways has evidence for its rules but a required document was
 *   never uploaded;</li>
 *   <li>EXCEPTED when every failure is accepted by an active exception;</li>
 *   <li>NO_EVIDENCE when nothing was ever collected or uploaded;</li>
 *   <li>PASS otherwise.</li>
 * </ol>
 * Each part is evaluated on its own (its rules, its documents) and kept in the result; a control evidenced both ways
 * takes the worse of the two ({@link #combine}, the truth table in docs/controls.md).
 */
public final class ControlEvaluator {
    /** Worst first: combining the two parts keeps the one earlier in this list. */
    static final List<ControlStatus> SEVERITY = List.of(ControlStatus.FAIL, ControlStatus.NOT_EVALUATED,
            ControlStatus.STALE, ControlStatus.DOCUMENT_MISSING, ControlStatus.EXCEPTED, ControlStatus.NO_EVIDENCE,
            ControlStatus.PASS);

    private ControlEvaluator() {
    }

    public static ControlResult evaluate(ControlInputs in) {
        String id = in.control().id();
        if (in.scoping() != null) {
            ScopingDecision d = in.scoping();
            return new ControlResult(id, ControlStatus.NOT_APPLICABLE, 0, List.of(), "out of scope by decision of "
                    + d.decidedBy() + " on " + d.decidedAt().atZone(ZoneOffset.UTC).toLocalDate() + ": " + d.justification());
        }
        EvidenceKind kind = in.control().evidence();
        ControlResult automated = kind == EvidenceKind.MANUAL ? null : automated(in);
        DocumentPart documents = kind == EvidenceKind.AUTOMATED ? null : documents(in);
        AutomatedPart automatedPart = automated == null ? null : new AutomatedPart(automated.status(),
                automated.resourcesInScope(), automated.failingResources().size());
        if (documents == null) {
            return new ControlResult(id, automated.status(), automated.resourcesInScope(), automated.failingResources(),
                    automated.reason(), automatedPart, null);
        }
        if (automated == null) {
            return new ControlResult(id, documents.status(), documents.required(), List.of(), documents.reason(),
                    null, documents);
        }
        ControlStatus status = combine(automated.status(), documents.status());
        // Say that the rules are evidenced, which the automated part's reason (none when they pass) would not.
        String rules = status == ControlStatus.DOCUMENT_MISSING && automated.status() == ControlStatus.PASS
                ? "rules pass on " + automated.resourcesInScope() + " resource(s) in scope" : null;
        String reason = Stream.of(rules, automated.reason(), documents.reason()).filter(Objects::nonNull)
                .collect(Collectors.joining("; "));
        return new ControlResult(id, status, automated.resourcesInScope() + documents.required(),
                automated.failingResources(), reason.isEmpty() ? null : reason, automatedPart, documents);
    }

    /**
     * The status of a control evidenced both ways, from what its rules say and what its documents say (PASS, STALE,
     * or NO_EVIDENCE when one was never uploaded). A missing document next to rules that have evidence is
     * DOCUMENT_MISSING, not NO_EVIDENCE: something was collected, and it is shown. Otherwise the worse of the two.
     */
    static ControlStatus combine(ControlStatus automated, ControlStatus documents) {
        ControlStatus documentPart = documents == ControlStatus.NO_EVIDENCE && automated != ControlStatus.NO_EVIDENCE
                ? ControlStatus.DOCUMENT_MISSING : documents;
        return rank(automated) <= rank(documentPart) ? automated : documentPart;
    }

    private static ControlResult automated(ControlInputs in) {
        String id = in.control().id();
        List<FailingResource> failing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Instant freshSince = in.now().minus(in.freshness());
        int inScope = Math.toIntExact(in.passing().count());
        long staleCount = in.passing().staleCount();
        Instant oldest = in.passing().staleCount() > 0 ? in.passing().oldestObservedAt() : null;
        for (ResourceView r : in.resources()) {
            boolean applies = false;
            for (RuleMapping mapping : in.control().rules()) {
                Verdict v = r.verdicts().get(mapping.id());
                if (v == null) {
                    continue; // the rule judges another resource type
                }
                switch (v.outcome()) {
                    case FAIL -> failing.add(accepted(new FailingResource(r.resourceKey(), r.resourceType(),
                            mapping.id(), v.reason(), r.evidenceId(), r.observedAt(), r.provenance()), in));
                    case UNKNOWN -> unknown.add(r.resourceKey() + " (" + mapping.id() + "): " + v.reason());
                    default -> {
                    }
                }
                applies |= v.outcome() != Outcome.NOT_APPLICABLE;
            }
            if (applies) {
                inScope++;
                if (r.observedAt().isBefore(freshSince)) {
                    staleCount++;
                    oldest = oldest == null || r.observedAt().isBefore(oldest) ? r.observedAt() : oldest;
                }
            }
        }
        failing.sort(Comparator.comparing(FailingResource::resourceKey).thenComparing(FailingResource::ruleId));
        List<FailingResource> open = failing.stream().filter(f -> f.exceptionId() == null).toList();
        String gapReason = in.gaps().isEmpty() ? null
                : in.gaps().stream().map(CoverageGap::describe).sorted().collect(Collectors.joining("; "));

        if (!open.isEmpty()) {
            return new ControlResult(id, ControlStatus.FAIL, inScope, failing, gapReason);
        }
        if (gapReason != null) {
            return new ControlResult(id, ControlStatus.NOT_EVALUATED, inScope, failing, gapReason);
        }
        if (!unknown.isEmpty()) {
            return new ControlResult(id, ControlStatus.NOT_EVALUATED, inScope, failing,
                    "evidence incomplete: " + String.join("; ", unknown));
        }
        if (staleCount > 0) {
            return new ControlResult(id, ControlStatus.STALE, inScope, failing, "evidence of " + staleCount
                    + " resource(s) is older than " + in.freshness().toHours() + " h (oldest observed " + oldest + ")");
        }
        if (!failing.isEmpty()) {
            return new ControlResult(id, ControlStatus.EXCEPTED, inScope, failing, failing.size()
                    + " failure(s) accepted by exception: " + describeExceptions(failing, in));
        }
        if (!in.everCollected() && in.resources().isEmpty() && in.passing().count() == 0) {
            return new ControlResult(id, ControlStatus.NO_EVIDENCE, 0, List.of(),
                    "no collection has delivered evidence for this control yet");
        }
        return new ControlResult(id, ControlStatus.PASS, inScope, List.of(),
                inScope == 0 ? "a complete collection found no resources in scope" : null);
    }

    private static FailingResource accepted(FailingResource f, ControlInputs in) {
        return in.exceptions().stream().filter(e -> e.covers(f, in.now()))
                .min(Comparator.comparing(ControlException::expiresAt))
                .map(e -> f.excepted(e.id())).orElse(f);
    }

    private static String describeExceptions(List<FailingResource> failing, ControlInputs in) {
        return in.exceptions().stream()
                .filter(e -> failing.stream().anyMatch(f -> e.id().equals(f.exceptionId())))
                .map(e -> e.id() + " (owner " + e.owner() + ", until " + e.expiresAt() + ": " + e.justification() + ")")
                .collect(Collectors.joining("; "));
    }

    /** Manual evidence: each required document type needs a document whose effective date is recent enough. */
    private static DocumentPart documents(ControlInputs in) {
        LocalDate today = in.now().atZone(ZoneOffset.UTC).toLocalDate();
        List<RequiredDocument> required = in.required().isEmpty()
                ? List.of(new RequiredDocument(null, in.control().frequency().maxAgeDays()))
                : in.required();
        List<String> missing = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        Map<String, LocalDate> current = new TreeMap<>();
        for (RequiredDocument req : required) {
            String name = req.type() == null ? "any document" : req.type();
            Optional<DocumentView> newest = in.documents().stream()
                    .filter(d -> req.type() == null || req.type().equals(d.documentType()))
                    .max(Comparator.comparing(DocumentView::effectiveDate));
            if (newest.isEmpty()) {
                missing.add(name);
                continue;
            }
            LocalDate effective = newest.get().effectiveDate();
            // Stale from the day the document reaches its maximum age: a 365-day review made on 1 March
            // is stale on 1 March of the next year.
            if (req.maxAgeDays() != null && !today.isBefore(effective.plusDays(req.maxAgeDays()))) {
                expired.add(name);
                stale.add(name + " effective " + effective + " is " + (today.toEpochDay() - effective.toEpochDay())
                        + " days old (at most " + req.maxAgeDays() + ")");
            } else {
                current.put(name, effective);
            }
        }
        List<String> present = List.copyOf(current.keySet());
        if (!missing.isEmpty()) {
            String reason = "no document uploaded for: " + String.join(", ", missing)
                    + (stale.isEmpty() ? "" : "; " + String.join("; ", stale));
            return new DocumentPart(ControlStatus.NO_EVIDENCE, present, missing, expired, reason);
        }
        if (!stale.isEmpty()) {
            return new DocumentPart(ControlStatus.STALE, present, missing, expired, String.join("; ", stale));
        }
        return new DocumentPart(ControlStatus.PASS, present, missing, expired, "documents current: "
                + current.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", ")));
    }

    private static int rank(ControlStatus s) {
        int i = SEVERITY.indexOf(s);
        return i < 0 ? SEVERITY.size() : i;
    }
}
