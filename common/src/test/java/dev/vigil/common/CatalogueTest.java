package dev.vigil.common;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.Criterion;
import dev.vigil.common.catalogue.CriterionMapping;
import dev.vigil.common.catalogue.DocumentRequirement;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.SupportingControl;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CatalogueTest {
    private static final Catalogue CATALOGUE = Catalogue.loadDefault();

    @Test
    void holdsEverySeedControl() {
        Catalogue c = CATALOGUE;
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
    void everyControlIsDescribedAndSupportsACriterion() {
        for (ControlDefinition control : CATALOGUE.controls()) {
            assertThat(control.description()).as(control.id()).isNotBlank();
            assertThat(control.criteria()).as(control.id()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.justification()).isNotBlank());
        }
    }

    @Test
    void criteriaAreListedWithTheControlsThatSupportThem() {
        assertThat(CATALOGUE.criteria()).hasSize(61);
        assertThat(CATALOGUE.criteria()).extracting(Criterion::series)
                .containsOnly("CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "CC7", "CC8", "CC9", "A1", "C1", "PI1",
                        "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8");
        Criterion cc81 = CATALOGUE.criterion("CC8.1").orElseThrow();
        assertThat(cc81.title()).isEqualTo("Change management");
        assertThat(cc81.controls()).extracting(SupportingControl::control).contains("CM-11", "CM-12");
        // A criterion no control supports is kept, so the gap shows.
        assertThat(CATALOGUE.criterion("A1.1").orElseThrow().controls()).isEmpty();
        assertThat(CATALOGUE.criterion("CC6.9")).isEmpty();
    }

    @Test
    void controlsCarryTheCriteriaJoinedFromTheMapping() {
        assertThat(CATALOGUE.control("LS-26").orElseThrow().criteria()).extracting(CriterionMapping::id)
                .containsExactly("CC6.1", "CC6.6");
        assertThat(CATALOGUE.control("SOC2-S1-SECURITY-COMMITMENTS").orElseThrow().criteria())
                .extracting(CriterionMapping::id).containsExactly("CC2.3", "CC3.1");
    }

    @Test
    void securityCommitmentsControlIsDocumentedAsSeed000Says() {
        ControlDefinition s1 = CATALOGUE.control("SOC2-S1-SECURITY-COMMITMENTS").orElseThrow();
        assertThat(s1.description()).isEqualTo("Published security commitments to customers and stakeholders,"
                + " documented in contracts, SLAs, and public security documentation.");
        assertThat(s1.documents()).extracting(DocumentRequirement::type, DocumentRequirement::maxAgeDays)
                .containsExactly(tuple("trust-page", 365), tuple("customer-dpa", null),
                        tuple("commitment-review", 365), tuple("incident-notification-sla", 365));
        assertThat(s1.document("customer-dpa").orElseThrow().expires()).isFalse();
        assertThat(s1.evidenceRequired()).hasSize(4).first().asString().startsWith("Published security/trust page");
        assertThat(s1.testingProcedure()).startsWith("Request the published security page and one customer DPA");
    }

    @Test
    void manualControlsNameTheirDocumentsAndAutomatedOnesNone() {
        for (ControlDefinition control : CATALOGUE.controls()) {
            if (control.evidencedByDocuments()) {
                assertThat(control.documents()).as(control.id()).isNotEmpty()
                        .allSatisfy(d -> assertThat(d.description()).isNotBlank());
            } else {
                assertThat(control.documents()).as(control.id()).isEmpty();
            }
        }
        assertThat(CATALOGUE.control("CM-01").orElseThrow().document("access-review").orElseThrow().maxAgeDays())
                .as("quarterly control, age left out: the control's period").isEqualTo(92);
        assertThat(CATALOGUE.control("RA-01").orElseThrow().document("internal-audit-report")).isPresent();
        assertThat(CATALOGUE.control("TPM-04").orElseThrow().document("signed-vendor-agreement").orElseThrow()
                .maxAgeDays()).isNull();
    }

    @Test
    void rejectsAnInconsistentCatalogue() {
        String json = """
                {"version":"t","controls":[
                 {"id":"X-1","title":"t","category":"X","categoryName":"X","primaryTsc":"Security","secondaryTsc":null,
                  "frequency":"ONGOING","evidence":"AUTOMATED","rules":[]},
                 {"id":"X-1","title":"t","category":"X","categoryName":"X","primaryTsc":"Security","secondaryTsc":null,
                  "frequency":"ONGOING","evidence":"MANUAL","rules":[]}]}""";
        assertThatThrownBy(() -> Catalogue.load(stream(json)))
                .hasMessageContaining("X-1: evidenced automatically but maps no rule")
                .hasMessageContaining("X-1: duplicate control id");
    }

    @Test
    void documentAgeIsTheControlsPeriodUnlessSaidAndOngoingControlsMustSay() throws Exception {
        String json = controls("""
                {"id":"X-1","title":"t","description":"d","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"MONTHLY","evidence":"MANUAL","documents":[
                   {"type":"review","description":"a monthly review"},
                   {"type":"signed-contract","maxAgeDays":null,"description":"never expires"},
                   {"type":"policy","maxAgeDays":365,"description":"yearly"}]}""");
        ControlDefinition x1 = Catalogue.load(stream(json), stream(criteria("X-1"))).control("X-1").orElseThrow();
        assertThat(x1.documents()).extracting(DocumentRequirement::type, DocumentRequirement::maxAgeDays)
                .containsExactly(tuple("review", 31), tuple("signed-contract", null), tuple("policy", 365));

        String ongoing = controls("""
                {"id":"X-1","title":"t","description":"d","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"ONGOING","evidence":"MANUAL","documents":[
                   {"type":"policy","description":"no age given"},
                   {"type":"Bad:Type","maxAgeDays":0,"description":"d"},
                   {"type":"policy","maxAgeDays":30,"description":""}]}""");
        assertThatThrownBy(() -> Catalogue.load(stream(ongoing), stream(criteria("X-1"))))
                .hasMessageContaining("X-1: document 'policy': needs maxAgeDays")
                .hasMessageContaining("X-1: document 'Bad:Type': type must be lower-case words joined by hyphens")
                .hasMessageContaining("X-1: document 'Bad:Type': maxAgeDays must be a whole number of days of at least 1")
                .hasMessageContaining("X-1: document 'policy': listed twice")
                .hasMessageContaining("X-1: document 'policy': has no description");
    }

    @Test
    void completeCatalogueNeedsDescriptionsDocumentsAndCriteria() {
        String json = controls("""
                {"id":"X-1","title":"t","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"ANNUALLY","evidence":"MANUAL"},
                {"id":"X-2","title":"t","description":"d","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"ANNUALLY","evidence":"AUTOMATED","rules":[{"id":"r","justification":"j"}],
                 "documents":[{"type":"doc","description":"d"}]}""");
        assertThatThrownBy(() -> Catalogue.load(stream(json), stream(criteria("X-2"))))
                .hasMessageContaining("X-1: has no description")
                .hasMessageContaining("X-1: evidenced by documents (MANUAL) but lists no document type")
                .hasMessageContaining("X-1: supports no Trust Services Criterion (map it in criteria.json)")
                .hasMessageContaining("X-2: evidenced automatically but lists documents");
    }

    @Test
    void rejectsABadCriteriaFileWithEveryProblemNamed() {
        String json = controls("""
                {"id":"X-1","title":"t","description":"d","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"ANNUALLY","evidence":"MANUAL","documents":[{"type":"doc","description":"d"}]}""");
        String criteria = """
                {"criteria":[
                  {"id":"CC6.1","series":"CC6","title":"t","description":"d","controls":[
                    {"control":"X-1","justification":"why"},
                    {"control":"XX-9","justification":"why"},
                    {"control":"X-1","justification":" "}]},
                  {"id":"CC6.2","series":"CC7","title":"t","description":"d","controls":[]},
                  {"id":"CC6.1","series":"CC6","title":"t","description":"d","controls":[]},
                  {"id":"SEC-1","series":"SEC","title":"t","description":"d","controls":[]},
                  {"id":"A1.1","series":"A1","title":"","description":"d","controls":[]}]}""";
        assertThatThrownBy(() -> Catalogue.load(stream(json), stream(criteria)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("invalid control catalogue: ")
                .hasMessageContaining("criterion CC6.1: unknown control 'XX-9'")
                .hasMessageContaining("criterion CC6.1: control X-1 listed twice")
                .hasMessageContaining("criterion CC6.1: control X-1 has no justification")
                .hasMessageContaining("criterion CC6.2: series must be 'CC6', was 'CC7'")
                .hasMessageContaining("criterion CC6.1: listed twice")
                .hasMessageContaining("criterion SEC-1: not a Trust Services Criteria id")
                .hasMessageContaining("criterion A1.1: title and description are required");
    }

    @Test
    void criteriaAreMappedOnlyInTheCriteriaFile() {
        String json = controls("""
                {"id":"X-1","title":"t","description":"d","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"ANNUALLY","evidence":"MANUAL","documents":[{"type":"doc","description":"d"}],
                 "criteria":[{"id":"CC6.1","justification":"here by mistake"}]}""");
        assertThatThrownBy(() -> Catalogue.load(stream(json), stream(criteria("X-1"))))
                .hasMessageContaining("Unrecognized field \"criteria\"");
    }

    @Test
    void controlsAloneLoadWithoutAMapping() throws Exception {
        String json = controls("""
                {"id":"X-1","title":"t","category":"X","categoryName":"X","primaryTsc":"Security",
                 "frequency":"QUARTERLY","evidence":"MANUAL"}""");
        Catalogue partial = Catalogue.load(stream(json));
        assertThat(partial.control("X-1").orElseThrow().criteria()).isEmpty();
        assertThat(partial.criteria()).isEmpty();
    }

    private static String controls(String entries) {
        return "{\"version\":\"t\",\"controls\":[" + entries + "]}";
    }

    private static String criteria(String control) {
        return """
                {"criteria":[{"id":"CC6.1","series":"CC6","title":"t","description":"d",
                  "controls":[{"control":"%s","justification":"why"}]}]}""".formatted(control);
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
