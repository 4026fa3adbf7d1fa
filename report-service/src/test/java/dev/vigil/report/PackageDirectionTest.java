package dev.vigil.report;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages of report-service run one way, so a maintainer can read one without the ones above it: the pages
 * ({@code web}) and the REST resources ({@code api}) sit on top and nothing imports them; what several packages share
 * (error bodies, display formats, the clients of the other services, the read queries) has a package of its own
 * below its users; and no two packages import each other, directly or round a loop.
 */
class PackageDirectionTest {
    private static final JavaClasses REPORT_SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.report");

    @Test
    void nothingImportsThePagesOrTheApi() {
        noClasses().that().resideOutsideOfPackages("dev.vigil.report.web..", "dev.vigil.report.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.report.web..", "dev.vigil.report.api..")
                .because("pages and REST resources are the top layer; a type they share with a lower package "
                        + "belongs in that package or in errors, format, linked or queries")
                .check(REPORT_SERVICE);
    }

    @Test
    void packagesDoNotImportEachOtherRoundALoop() {
        slices().matching("dev.vigil.report.(*)..").should().beFreeOfCycles().check(REPORT_SERVICE);
    }
}
