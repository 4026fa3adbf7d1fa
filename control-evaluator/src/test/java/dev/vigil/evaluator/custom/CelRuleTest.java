package dev.vigil.evaluator.custom;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.CustomCatalogue;
import dev.vigil.common.catalogue.CustomRuleDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CelRuleTest {
    static final Path FOLDER = Path.of("src/test/resources/custom-catalogue");

    static Map<String, Object> bucket(String encryption, String key) {
        Map<String, Object> f = new HashMap<>(Map.of("bucket", "acme-data", "region", "us-east-1",
                "bucketKeyEnabled", true));
        f.put("defaultEncryption", encryption);
        f.put("kmsKeyId", key);
        return f;
    }

    @Test
    void aRuleFileCompilesAndJudgesFacts() {
        CustomRules custom = CustomRules.compile(CustomCatalogue.read(FOLDER).rules());
        CelRule rule = custom.rules().stream().filter(r -> r.id().equals("custom.s3.kms-key-named")).findFirst().orElseThrow();
        assertThat(rule.id()).isEqualTo("custom.s3.kms-key-named");
        assertThat(rule.evaluate(new Facts(bucket("aws:kms", "arn:aws:kms:us-east-1:1:key/k"))))
                .isEqualTo(Verdict.pass("bucket acme-data encrypts with arn:aws:kms:us-east-1:1:key/k"));
        assertThat(rule.evaluate(new Facts(bucket("aws:kms", null))))
                .isEqualTo(Verdict.fail("bucket acme-data uses SSE-KMS without a customer-managed key"));
        assertThat(rule.evaluate(new Facts(bucket("AES256", null))))
                .isEqualTo(Verdict.notApplicable("bucket acme-data does not use SSE-KMS"));
    }

    @Test
    void aMissingFactIsUnknownNeverPass() {
        CelRule rule = CelRule.compile(new CustomRuleDefinition("custom.t", "aws.s3.bucket", "d", null,
                "facts.versioning == 'Enabled'", null, null, null, List.of()));
        Verdict v = rule.evaluate(new Facts(bucket("AES256", null)));
        assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(v.reason()).startsWith("custom rule custom.t could not be evaluated on this evidence");
    }

    @Test
    void numbersFromJsonCompareAsCelIntegers() {
        CelRule rule = CelRule.compile(new CustomRuleDefinition("custom.reviews", "github.branch_protection", "d",
                null, "facts.requiredApprovingReviewCount >= 2 && facts.requiredStatusChecks.size() > 0", null, null,
                null, List.of()));
        Map<String, Object> facts = Map.of("requiredApprovingReviewCount", 2, "requiredStatusChecks", List.of("ci/build"));
        assertThat(rule.evaluate(new Facts(facts)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void badDefinitionsStopStartUpListingEveryProblem() {
        List<CustomRuleDefinition> defs = List.of(
                new CustomRuleDefinition("custom.a", "aws.s3.bucket", "d", null, "facts.bucket ==", null, null, null,
                        List.of(new CustomRuleDefinition.ControlMapping("LS-01", "j"))),
                new CustomRuleDefinition("custom.b", "aws.s3.bucket", "d", null, null, null, null, null, List.of()));
        assertThatThrownBy(() -> CustomRules.compile(defs))
                .hasMessageContaining("custom rule custom.a: passWhen 'facts.bucket ==' does not compile")
                .hasMessageContaining("custom rule custom.b: id, resourceType, description and passWhen are required");
    }

    @Test
    void aCustomControlJoinsTheCatalogueWithItsCriteriaAndRule() {
        Catalogue catalogue = Catalogue.loadWith(CustomCatalogue.read(FOLDER));
        assertThat(catalogue.controls()).hasSize(59);
        assertThat(catalogue.version()).isEqualTo(Catalogue.loadDefault().version() + "+custom");
        var acme = catalogue.control("ACME-01").orElseThrow();
        assertThat(acme.evidence()).isEqualTo(EvidenceKind.AUTOMATED);
        assertThat(acme.criteria()).extracting(c -> c.id()).containsExactly("CC8.1");
        assertThat(catalogue.criterion("CC8.1").orElseThrow().controls()).extracting(c -> c.control()).contains("CM-11", "ACME-01");
    }

    @Test
    void aCustomRuleJoinsTheControlsRulesAndAManualControlThatGainsOneIsEvidencedBothWays() {
        Catalogue catalogue = Catalogue.loadWith(CustomCatalogue.read(FOLDER));
        var ls07 = catalogue.control("LS-07").orElseThrow();
        assertThat(ls07.evidence()).isEqualTo(EvidenceKind.BOTH);
        assertThat(ls07.rules()).extracting(r -> r.id())
                .containsExactly("aws.kms.customer-key-rotation", "custom.s3.kms-key-named");
        assertThat(Catalogue.loadDefault().control("LS-04").orElseThrow().evidence()).isEqualTo(EvidenceKind.MANUAL);
        var ls04 = Catalogue.loadDefault().withRuleMappings(Map.of("LS-04",
                List.of(new dev.vigil.common.catalogue.RuleMapping("custom.x", "j")))).control("LS-04").orElseThrow();
        assertThat(ls04.evidence()).isEqualTo(EvidenceKind.BOTH);
        assertThat(ls04.rules()).extracting(r -> r.id()).containsExactly("custom.x");
        assertThatThrownBy(() -> Catalogue.loadDefault().withRuleMappings(Map.of("XX-1", List.of())))
                .hasMessageContaining("[XX-1]");
    }
}
