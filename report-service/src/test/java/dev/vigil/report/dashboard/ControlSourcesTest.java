package dev.vigil.report.dashboard;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.catalogue.RuleMapping;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ControlSourcesTest {

    private static ControlDefinition control(String id, EvidenceKind evidence, String... rules) {
        return new ControlDefinition(id, id, "CM", "Change Management", "Security", null, Frequency.ONGOING, evidence,
                java.util.Arrays.stream(rules).map(r -> new RuleMapping(r, "why")).toList());
    }

    private final ControlSources sources = new ControlSources(List.of(
            control("A", EvidenceKind.AUTOMATED, "github.default-branch-protected", "aws.s3-encrypted"),
            control("B", EvidenceKind.BOTH, "okta.user-mfa"),
            control("C", EvidenceKind.MANUAL)));

    @Test
    void sourcesAreRulePrefixesPlusManualForDocuments() {
        assertThat(sources.of("A")).containsExactly("aws", "github");
        assertThat(sources.of("B")).containsExactly("manual", "okta");
        assertThat(sources.of("C")).containsExactly("manual");
        assertThat(sources.all()).containsExactly("aws", "github", "manual", "okta");
    }

    @Test
    void filterMatchesCaseInsensitivelyAndBlankMatchesAll() {
        assertThat(List.of("A", "B", "C")).filteredOn(id -> sources.matches(id, "GitHub")).containsExactly("A");
        assertThat(List.of("A", "B", "C")).filteredOn(id -> sources.matches(id, "manual")).containsExactly("B", "C");
        assertThat(List.of("A", "B", "C")).filteredOn(id -> sources.matches(id, " ")).containsExactly("A", "B", "C");
        assertThat(sources.matches("unknown", "aws")).isFalse();
    }

    @Test
    void theShippedCatalogueHasTheExpectedSources() {
        ControlSources shipped = new ControlSources(Catalogue.loadDefault().controls());

        assertThat(shipped.all()).contains("aws", "github", "okta", "manual");
        assertThat(shipped.of("CM-01")).containsExactly("manual", "review"); // a document, or a review campaign
        assertThat(shipped.of("CM-11")).contains("github");
    }
}
