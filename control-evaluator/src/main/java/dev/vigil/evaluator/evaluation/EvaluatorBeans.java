package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.evaluator.custom.CustomRules;
import dev.vigil.evaluator.domain.Rule;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wires the plain-Java catalogue and rule registry into CDI. Built-in rules are found as beans; user-defined
 * CEL rules come from {@code vigil.evaluator.custom-rules-dir} and add their mappings to the catalogue.
 */
public class EvaluatorBeans {
    private static final Logger LOG = Logger.getLogger(EvaluatorBeans.class);

    @Produces
    @Singleton
    CustomRules customRules(@ConfigProperty(name = "vigil.evaluator.custom-rules-dir") Optional<String> folder) {
        if (folder.isEmpty() || folder.get().isBlank()) {
            return CustomRules.none();
        }
        CustomRules rules = CustomRules.load(Path.of(folder.get()));
        LOG.infof("loaded %d custom rule(s) from %s", rules.rules().size(), folder.get());
        return rules;
    }

    @Produces
    @Singleton
    Catalogue catalogue(CustomRules custom) {
        return Catalogue.loadDefault().withRuleMappings(custom.mappings());
    }

    @Produces
    @Singleton
    RuleRegistry ruleRegistry(Instance<Rule> builtIn, CustomRules custom, Catalogue catalogue) {
        List<Rule> all = new ArrayList<>(builtIn.stream().toList());
        all.addAll(custom.rules());
        return new RuleRegistry(all, catalogue);
    }
}
