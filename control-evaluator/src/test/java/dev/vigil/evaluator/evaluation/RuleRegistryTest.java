package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.rules.S3DefaultEncryption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleRegistryTest {
    static final List<dev.vigil.evaluator.domain.Rule> ALL = AllRules.instances();

    @Test
    void everyRuleTheCatalogueMapsExists() {
        Catalogue catalogue = Catalogue.loadDefault();
        RuleRegistry registry = new RuleRegistry(ALL, catalogue);
        assertThat(registry.resourceTypesOf(catalogue.control("CM-11").orElseThrow()))
                .containsExactly("github.branch_protection");
        assertThat(registry.resourceTypesOf(catalogue.control("LS-26").orElseThrow()))
                .contains("okta.user", "aws.iam.root", "aws.iam.user", "entra.user", "google.user");
        assertThat(registry.resourceTypesOf(catalogue.control("LS-01").orElseThrow())).containsExactlyInAnyOrder(
                "aws.s3.bucket", "aws.ec2.ebs-default-encryption", "aws.ec2.volume", "aws.rds.instance");
        assertThat(registry.controlsJudging("github.branch_protection")).containsExactly("CM-04", "CM-11", "CM-12");
        assertThat(registry.controlsJudging("github.organization")).containsExactlyInAnyOrder("CM-18", "LS-26");
        assertThat(registry.controlsJudging("github.repository")).containsExactly("CM-17");
        assertThat(registry.controlsJudging("identity.person")).containsExactly("LS-19");
        assertThat(registry.controlsJudging("identity.account")).containsExactly("LS-19");
        assertThat(registry.resourceTypesOf(catalogue.control("LS-19").orElseThrow()))
                .containsExactlyInAnyOrder("identity.person", "identity.account");
        assertThat(registry.controlsJudging("aws.cloudtrail.account")).containsExactlyInAnyOrder("COM-02", "CM-03");
        assertThat(registry.controlsJudging("aws.cloudtrail.metric-alarms")).containsExactlyInAnyOrder("COM-07",
                "CM-03");
        assertThat(registry.resourceTypesOf(catalogue.control("CM-03").orElseThrow()))
                .containsExactlyInAnyOrder("aws.cloudtrail.metric-alarms", "aws.cloudtrail.account");
        assertThat(registry.controlsJudging("aws.kms.key")).containsExactly("LS-07");
        assertThat(registry.controlsJudging("aws.backup.protected-resource")).containsExactly("BDR-08");
        assertThat(registry.controlsJudging("aws.backup.vault")).containsExactly("BDR-09");
        assertThat(registry.controlsJudging("aws.backup.vault-access-policy")).containsExactly("BDR-05");
        assertThat(registry.controlsJudging("github.repository_access")).containsExactly("CM-18");
        assertThat(registry.resourceTypesOf(catalogue.control("CM-18").orElseThrow()))
                .containsExactly("github.organization", "github.repository_access");
        assertThat(registry.controlsJudging("okta.password-policy")).containsExactly("LS-25");
        assertThat(registry.controlsJudging("okta.sign-on-policy")).containsExactly("LS-25");
        assertThat(registry.controlsJudging("okta.authentication-policy")).containsExactly("LS-25");
        assertThat(registry.controlsJudging("entra.sign-in-policy")).containsExactly("LS-25");
        assertThat(registry.controlsJudging("google.password-policy")).containsExactly("LS-25");
        assertThat(registry.controlsJudging("google.two-step-verification-policy")).containsExactly("LS-25");
        assertThat(registry.resourceTypesOf(catalogue.control("LS-25").orElseThrow()))
                .containsExactly("entra.sign-in-policy", "google.password-policy",
                        "google.two-step-verification-policy", "okta.authentication-policy", "okta.password-policy",
                        "okta.sign-on-policy");
        assertThat(registry.controlsJudging("aws.elb.listener")).containsExactly("LS-16");
        assertThat(registry.controlsJudging("aws.acm.certificate")).containsExactly("LS-16");
        assertThat(registry.controlsJudging("aws.s3.bucket")).containsExactlyInAnyOrder("LS-01", "LS-05", "BDR-08",
                "LS-16");
        assertThat(registry.controlsJudging("aws.s3.account")).containsExactly("LS-05");
        assertThat(registry.controlsJudging("manual.document")).isEmpty();
    }

    @Test
    void aMappedRuleThatDoesNotExistFailsStartUp() {
        assertThatThrownBy(() -> new RuleRegistry(List.of(new S3DefaultEncryption()), Catalogue.loadDefault()))
                .hasMessageContaining("the catalogue maps rules that do not exist")
                .hasMessageContaining("okta.active-user-mfa-enrolled");
    }

    @Test
    void judgesEveryRuleOfTheResourceType() {
        RuleRegistry registry = new RuleRegistry(ALL, Catalogue.loadDefault());
        var verdicts = registry.judge("aws.s3.bucket", new java.util.HashMap<>(Map.of("bucket", "b",
                "defaultEncryption", "AES256", "versioning", "Suspended")));
        assertThat(verdicts).containsOnlyKeys("aws.s3.default-encryption", "aws.s3.bucket-public-access-blocked",
                "aws.s3.bucket-versioning-enabled", "aws.s3.bucket-denies-insecure-transport");
        assertThat(verdicts.get("aws.s3.default-encryption").outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdicts.get("aws.s3.bucket-versioning-enabled").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdicts.get("aws.s3.bucket-public-access-blocked").outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(registry.judge("unknown.type", Map.of())).isEmpty();
    }
}
