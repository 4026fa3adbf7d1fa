package dev.vigil.evaluator.domain;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.FailingResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Aggregates rule verdicts into a control status. The order of precedence is what an auditor expects:
 * a confirmed failure is FAIL even if something else was unreadable; otherwise anything unreadable or
 * unjudgeable makes the control NOT_EVALUATED (never a PASS); a control never fed by any collection is
 * NO_EVIDENCE; only then PASS.
 */
public final class ControlEvaluator {

    private ControlEvaluator() {
    }

    /**
     * @param resources   resources in scope of the control's resource types, with their verdicts
     * @param gaps        what the latest collections of those types could not read
     * @param everCollected whether any collection of those types ever finished or delivered evidence
     */
    public static ControlResult evaluate(ControlDefinition control, List<ResourceView> resources,
                                         List<CoverageGap> gaps, boolean everCollected) {
        List<FailingResource> failing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int inScope = 0;
        for (ResourceView r : resources) {
            boolean applies = false;
            for (RuleMapping mapping : control.rules()) {
                Verdict v = r.verdicts().get(mapping.id());
                if (v == null) {
                    continue; // the rule judges another resource type
                }
                switch (v.outcome()) {
                    case FAIL -> failing.add(new FailingResource(r.resourceKey(), r.resourceType(), mapping.id(),
                            v.reason(), r.evidenceId(), r.observedAt(), r.provenance()));
                    case UNKNOWN -> unknown.add(r.resourceKey() + " (" + mapping.id() + "): " + v.reason());
                    default -> {
                    }
                }
                applies |= v.outcome() != Outcome.NOT_APPLICABLE;
            }
            if (applies) {
                inScope++;
            }
        }
        failing.sort(Comparator.comparing(FailingResource::resourceKey).thenComparing(FailingResource::ruleId));
        String gapReason = gaps.isEmpty() ? null
                : gaps.stream().map(CoverageGap::describe).sorted().collect(Collectors.joining("; "));

        if (!failing.isEmpty()) {
            return new ControlResult(control.id(), ControlStatus.FAIL, inScope, failing, gapReason);
        }
        if (gapReason != null) {
            return new ControlResult(control.id(), ControlStatus.NOT_EVALUATED, inScope, List.of(), gapReason);
        }
        if (!unknown.isEmpty()) {
            return new ControlResult(control.id(), ControlStatus.NOT_EVALUATED, inScope, List.of(),
                    "evidence incomplete: " + String.join("; ", unknown));
        }
        if (!everCollected && resources.isEmpty()) {
            return new ControlResult(control.id(), ControlStatus.NO_EVIDENCE, 0, List.of(),
                    "no collection has delivered evidence for this control yet");
        }
        return new ControlResult(control.id(), ControlStatus.PASS, inScope, List.of(),
                inScope == 0 ? "a complete collection found no resources in scope" : null);
    }
}
