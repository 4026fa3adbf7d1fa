package dev.vigil.collector;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The collector-service's packages run one way, from the edges to the collectors: {@code api} and
 * {@code permissions} (what the collectors declare, as manifests) on top; {@code events} (webhooks and queues that
 * ask for targeted reads) above {@code run} (schedules, leases, history); then the collectors of each provider
 * ({@code aws}, {@code github}, {@code okta}, {@code entra}, {@code google}), which declare what their provider's
 * events name (e.g. {@code aws.CloudTrailTargets}) without knowing how events arrive; {@code http} beneath them;
 * {@code spi}, the contract all of them share, at the bottom.
 */
class PackageDirectionTest {
    private static final JavaClasses COLLECTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.collector");
    private static final String[] PROVIDERS = {"dev.vigil.collector.aws..", "dev.vigil.collector.github..",
            "dev.vigil.collector.okta..", "dev.vigil.collector.entra..", "dev.vigil.collector.google.."};

    @Test
    void collectorsDoNotKnowHowTheyAreRunOrTriggered() {
        noClasses().that().resideInAnyPackage(PROVIDERS)
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.collector.events..",
                        "dev.vigil.collector.run..", "dev.vigil.collector.api..", "dev.vigil.collector.permissions..")
                .because("a collector reads its provider; schedules, leases and events decide when, from above")
                .check(COLLECTOR);
    }

    @Test
    void theRunnerDoesNotKnowHowEventsArrive() {
        noClasses().that().resideInAPackage("dev.vigil.collector.run..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.collector.events..",
                        "dev.vigil.collector.api..", "dev.vigil.collector.permissions..")
                .because("events ask the runner for targeted reads; the schedule sees only spi.ProviderEvents")
                .check(COLLECTOR);
    }

    @Test
    void theContractDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.vigil.collector.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.collector.events..",
                        "dev.vigil.collector.run..", "dev.vigil.collector.api..", "dev.vigil.collector.permissions..",
                        "dev.vigil.collector.http..", "dev.vigil.collector.aws..", "dev.vigil.collector.github..",
                        "dev.vigil.collector.okta..", "dev.vigil.collector.entra..", "dev.vigil.collector.google..")
                .because("every collector and every layer above builds on spi")
                .check(COLLECTOR);
    }

    @Test
    void packagesDoNotImportEachOtherRoundALoop() {
        slices().matching("dev.vigil.collector.(*)..").should().beFreeOfCycles().check(COLLECTOR);
    }
}
