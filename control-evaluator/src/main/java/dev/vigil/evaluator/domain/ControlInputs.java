package dev.vigil.evaluator.domain;

import dev.vigil.common.catalogue.ControlDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a control's status depends on, gathered by the adapter so that evaluation is a pure function.
 *
 * @param resources     resources in scope of the control's rule types, with their verdicts: at least every one
 *                      that fails or cannot be judged by one of the control's rules
 * @param passing       the other resources in scope, counted (none when {@code resources} lists them all)
 * @param gaps          what the latest collections of those types could not read
 * @param everCollected whether any collection of those types ever finished or delivered evidence
 * @param freshness     how old automated evidence may be before the control is STALE
 * @param documents     documents uploaded for the control
 * @param required      the document types the control needs (manual controls)
 * @param exceptions    exceptions recorded for the control (expired ones are ignored here)
 * @param scoping       the scoping decision taking the control out of scope, or null
 */
public record ControlInputs(
        ControlDefinition control,
        List<ResourceView> resources,
        PassingResources passing,
        List<CoverageGap> gaps,
        boolean everCollected,
        Duration freshness,
        List<DocumentView> documents,
        List<RequiredDocument> required,
        List<ControlException> exceptions,
        ScopingDecision scoping,
        Instant now) {

    public ControlInputs {
        resources = List.copyOf(resources);
        gaps = List.copyOf(gaps);
        documents = List.copyOf(documents);
        required = List.copyOf(required);
        exceptions = List.copyOf(exceptions);
    }

    /** Inputs of an automated control with nothing but resources and gaps (the common case in tests). */
    public static ControlInputs automated(ControlDefinition control, List<ResourceView> resources,
                                          List<CoverageGap> gaps, boolean everCollected, Instant now) {
        return new ControlInputs(control, resources, PassingResources.NONE, gaps, everCollected, Duration.ofDays(1), List.of(), List.of(),
                List.of(), null, now);
    }
}
