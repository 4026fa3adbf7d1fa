package dev.vigil.evaluator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The evaluator's packages run one way: ingestion stores evidence and says what changed ({@code EvidenceChanged});
 * what derives from stored evidence (the identity join) listens, so {@code ingest} never imports {@code identity};
 * the rules are pure and see neither storage nor messaging; and no two packages import each other round a loop.
 */
class PackageDirectionTest {
    private static final JavaClasses EVALUATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.evaluator");

    @Test
    void ingestionDoesNotKnowWhoDerivesFromIt() {
        noClasses().that().resideInAPackage("dev.vigil.evaluator.ingest..")
                .should().dependOnClassesThat().resideInAPackage("dev.vigil.evaluator.identity..")
                .because("ingestion announces changes with a CDI event (EvidenceChanged); the identity join observes it")
                .check(EVALUATOR);
    }

    @Test
    void rulesAreFreeOfStorageAndMessaging() {
        noClasses().that().resideInAnyPackage("dev.vigil.evaluator.rules..", "dev.vigil.evaluator.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.evaluator.store..",
                        "dev.vigil.evaluator.ingest..", "dev.vigil.evaluator.messaging..", "dev.vigil.evaluator.api..",
                        "jakarta.persistence..", "org.apache.kafka..")
                .because("a rule judges facts on data and is unit-tested without a database or a broker")
                .check(EVALUATOR);
    }

    @Test
    void packagesDoNotImportEachOtherRoundALoop() {
        slices().matching("dev.vigil.evaluator.(*)..").should().beFreeOfCycles().check(EVALUATOR);
    }
}
