package dev.vigil.common;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueTest {
    @Test
    void holdsEverySeedControl() {
        Catalogue c = Catalogue.loadDefault();
        assertThat(c.controls()).hasSize(58);
        Map<String, Long> perCategory = c.controls().stream()
                .collect(Collectors.groupingBy(ControlDefinition::category, Collectors.counting()));
        assertThat(perCategory).containsExactlyInAnyOrderEntriesOf(Map.of("CM", 11L, "COM", 9L, "BDR", 6L, "DS", 5L,
                "IR", 3L, "PP", 2L, "RA", 3L, "LS", 14L, "TPM", 4L, "S1", 1L));
        ControlDefinition cm11 = c.control("CM-11").orElseThrow();
        assertThat(cm11.primaryTsc()).isEqualTo("Security");
        assertThat(cm11.secondaryTsc()).isEqualTo("Processing Integrity");
        assertThat(cm11.evidence()).isEqualTo(EvidenceKind.AUTOMATED);
        assertThat(c.control("CM-09").orElseThrow().secondaryTsc()).isNull();
        assertThat(c.referencedRules()).contains("aws.s3.default-encryption", "okta.active-user-mfa-enrolled");
    }

    @Test
    void rejectsAnInconsistentCatalogue() {
        String json = """
                {"version":"t","controls":[
                 {"id":"X-1","title":"t","category":"X","categoryName":"X","primaryTsc":"Security","secondaryTsc":null,
                  "frequency":"ONGOING","evidence":"AUTOMATED","rules":[]},
                 {"id":"X-1","title":"t","category":"X","categoryName":"X","primaryTsc":"Security","secondaryTsc":null,
                  "frequency":"ONGOING","evidence":"MANUAL","rules":[]}]}""";
        assertThatThrownBy(() -> Catalogue.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("X-1: evidenced automatically but maps no rule")
                .hasMessageContaining("X-1: duplicate control id");
    }
}
