package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.CustomCatalogue;
import dev.vigil.evaluator.custom.CustomRules;
import dev.vigil.evaluator.domain.Rule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wires the plain-Java catalogue and rule registry into CDI. Built-in rules are found as beans; a user's own
 * controls and CEL rules come from the folder {@code vigil.catalogue.custom-dir} (docs/controls.md).
 */
public class EvaluatorBeans {
    private static final Logger LOG = Logger.getLogger(EvaluatorBeans.class);

    @Produces
    @Singleton
    CustomCatalogue customCatalogue(@ConfigProperty(name = "vigil.catalogue.custom-dir") Optional<String> folder) {
        if (folder.isEmpty() || folder.get().isBlank()) {
            return CustomCatalogue.empty();
        }
        CustomCatalogue custom = CustomCatalogue.read(Path.of(folder.get()));
        LOG.infof("custom catalogue from %s: %d rule(s)", folder.get(), custom.rules().size());
        return custom;
    }

    /** One pace per user (evaluation, the identity join): each is paced by its own cost. */
    @Produces
    @Dependent
    EvaluationPace evaluationPace(
            @ConfigProperty(name = "vigil.evaluator.evaluation-share", defaultValue = "0.25") double share,
            @ConfigProperty(name = "vigil.evaluator.evaluation-max-pause", defaultValue = "30s") Duration maxPause,
            @ConfigProperty(name = "vigil.evaluator.evaluation-quiet-period", defaultValue = "2s") Duration quiet) {
        return new EvaluationPace(share, maxPause, quiet);
    }

    @Produces
    @Singleton
    Catalogue catalogue(CustomCatalogue custom) {
        return Catalogue.loadWith(custom);
    }

    @Produces
    @Singleton
    RuleRegistry ruleRegistry(Instance<Rule> builtIn, CustomCatalogue custom, Catalogue catalogue) {
        List<Rule> all = new ArrayList<>(builtIn.stream().toList());
        all.addAll(CustomRules.compile(custom.rules()).rules());
        return new RuleRegistry(all, catalogue);
    }
}
