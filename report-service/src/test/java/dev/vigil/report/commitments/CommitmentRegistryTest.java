package dev.vigil.report.commitments;

import dev.vigil.common.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitmentRegistryTest {
    private static final Catalogue CATALOGUE = Catalogue.loadDefault();

    @Test
    void shippedRegistryIsValidAgainstTheShippedCatalogue() {
        CommitmentRegistry registry = CommitmentRegistry.loadDefault(CATALOGUE);

        assertThat(registry.commitments()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(registry.commitments()).extracting(Commitment::category)
                .containsAll(CommitmentRegistry.CATEGORIES);
        assertThat(backing(registry, "encryption-at-rest")).contains("LS-01", "BDR-09");
        assertThat(backing(registry, "mfa-administrative-access")).contains("LS-26");
        assertThat(backing(registry, "daily-backups")).contains("BDR-08");
        assertThat(backing(registry, "breach-notification-72h")).contains("IR-02", "IR-03", "TPM-01");
        assertThat(backing(registry, "availability-99-9")).contains("BDR-04", "COM-04");
        assertThat(backing(registry, "changes-reviewed-and-approved")).contains("CM-11", "CM-12");
    }

    @Test
    void aControlTheCatalogueLacksStopsLoadingWithEveryProblemNamed() {
        String json = """
                {"version": "t", "commitments": [
                  {"id": "mfa", "statement": "MFA everywhere", "category": "Security", "statedIn": ["Trust page"],
                   "controls": [{"control": "LS-99", "justification": "typo"},
                                {"control": "LS-26", "justification": " "}]},
                  {"id": "mfa", "statement": "", "category": "Safety", "statedIn": [], "controls": []}
                ]}
                """;

        assertThatThrownBy(() -> CommitmentRegistry.load(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), CATALOGUE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("invalid commitments registry",
                        "mfa: control 'LS-99' is not in the catalogue",
                        "mfa: control LS-26 has no justification",
                        "mfa: duplicate commitment id",
                        "mfa: has no statement",
                        "category 'Safety' is not one of",
                        "statedIn must name where");
    }

    private static java.util.List<String> backing(CommitmentRegistry registry, String id) {
        return registry.commitment(id).orElseThrow().controls().stream().map(Commitment.Backing::control).toList();
    }
}
