package dev.vigil.report.dashboard;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.RuleMapping;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each control's evidence comes from. Rule ids are named {@code <source>.<check>} (github.…, aws.…, okta.…),
 * so a control's sources are its rules' prefixes, plus {@code manual} when documents evidence it. The catalogue
 * alone decides this, so a control that nobody reported on yet still filters by source.
 */
public final class ControlSources {
    public static final String MANUAL = "manual";

    private final Map<String, Set<String>> byControl = new LinkedHashMap<>();
    private final List<String> all;

    public ControlSources(Collection<ControlDefinition> controls) {
        Set<String> every = new TreeSet<>();
        for (ControlDefinition c : controls) {
            Set<String> sources = new TreeSet<>();
            c.rules().stream().map(RuleMapping::id).map(ControlSources::sourceOf).forEach(sources::add);
            if (c.evidencedByDocuments()) {
                sources.add(MANUAL);
            }
            byControl.put(c.id(), Collections.unmodifiableSet(sources));
            every.addAll(sources);
        }
        all = List.copyOf(every);
    }

    /** Every source some control uses, sorted. */
    public List<String> all() {
        return all;
    }

    /** The control's sources, sorted. */
    public Set<String> of(String controlId) {
        return byControl.getOrDefault(controlId, Set.of());
    }

    /** A blank source matches everything; otherwise case-insensitively one of the control's sources. */
    public boolean matches(String controlId, String source) {
        return source == null || source.isBlank() || of(controlId).contains(source.trim().toLowerCase(Locale.ROOT));
    }

    static String sourceOf(String ruleId) {
        int dot = ruleId.indexOf('.');
        return dot <= 0 ? ruleId : ruleId.substring(0, dot);
    }
}
