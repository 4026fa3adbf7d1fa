package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.evaluator.domain.Rule;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain-Java catalogue and rule registry into CDI; rules are found as beans. */
public class EvaluatorBeans {

    @Produces
    @Singleton
    Catalogue catalogue() {
        return Catalogue.loadDefault();
    }

    @Produces
    @Singleton
    RuleRegistry ruleRegistry(Instance<Rule> rules, Catalogue catalogue) {
        return new RuleRegistry(rules.stream().toList(), catalogue);
    }
}
