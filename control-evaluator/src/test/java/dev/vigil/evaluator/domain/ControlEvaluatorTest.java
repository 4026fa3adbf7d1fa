package dev.vigil.evaluator.domain;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ControlEvaluatorTest {
    static final ControlDefinition LS_01 = new ControlDefinition("LS-01", "Encrypt sensitive data at rest", "LS",
            "Logical Security", "Confidentiality", "Security", Frequency.ONGOING, EvidenceKind.AUTOMATED,
            List.of(new RuleMapping("aws.s3.default-encryption", "why")));
    static final Provenance PROV = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "b"), null,
            "ab".repeat(32), "aws-s3", "0.1.0");
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant NOW = T.plusSeconds(3600);

    static ResourceView bucket(String name, Verdict v) {
        return new ResourceView("aws:1:s3:" + name, "aws.s3.bucket", "vigil://aws/1", "sha256:" + name, T, PROV,
                Map.of("aws.s3.default-encryption", v));
    }

    @Test
    void allPassingIsPass() {
        ControlResult r = ControlEvaluator.evaluate(ControlInputs.automated(LS_01,
                List.of(bucket("a", Verdict.pass("ok")), bucket("b", Verdict.pass("ok"))), List.of(), true, NOW));
        assertThat(r.status()).isEqualTo(ControlStatus.PASS);
        assertThat(r.resourcesInScope()).isEqualTo(2);
        assertThat(r.failingResources()).isEmpty();
    }

    @Test
    void failuresListEveryFailingResourceWithReasonAndEvidence() {
        ControlResult r = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("b", Verdict.fail("b unencrypted")),
                bucket("a", Verdict.fail("a unencrypted")), bucket("c", Verdict.pass("ok"))), List.of(), true, NOW));
        assertThat(r.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(r.failingResources()).extracting(FailingResource::resourceKey, FailingResource::reason,
                        FailingResource::evidenceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws:1:s3:a", "a unencrypted", "sha256:a"),
                        org.assertj.core.groups.Tuple.tuple("aws:1:s3:b", "b unencrypted", "sha256:b"));
        assertThat(r.resourcesInScope()).isEqualTo(3);
    }

    @Test
    void unreadableCollectionIsNotEvaluatedNamingThePermission() {
        CoverageGap gap = new CoverageGap("vigil://aws/1", "aws.s3.bucket", null, "AccessDenied",
                "s3:GetEncryptionConfiguration");
        ControlResult r = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("a", Verdict.pass("ok"))), List.of(gap), true, NOW));
        assertThat(r.status()).isEqualTo(ControlStatus.NOT_EVALUATED);
        assertThat(r.reason()).isEqualTo("could not read aws.s3.bucket of vigil://aws/1: AccessDenied "
                + "(missing permission: s3:GetEncryptionConfiguration)");
    }

    @Test
    void aConfirmedFailureOutranksAnUnreadableResource() {
        CoverageGap gap = new CoverageGap("vigil://aws/1", "aws.s3.bucket", "aws:1:s3:x", "AccessDenied", null);
        ControlResult r = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("a", Verdict.fail("bad"))), List.of(gap), true, NOW));
        assertThat(r.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(r.reason()).contains("could not read aws:1:s3:x");
    }

    @Test
    void unjudgeableEvidenceIsNotEvaluated() {
        ControlResult r = ControlEvaluator.evaluate(ControlInputs.automated(LS_01,
                List.of(bucket("a", Verdict.unknown("evidence lacks fact 'x'"))), List.of(), true, NOW));
        assertThat(r.status()).isEqualTo(ControlStatus.NOT_EVALUATED);
        assertThat(r.reason()).isEqualTo("evidence incomplete: aws:1:s3:a (aws.s3.default-encryption): evidence lacks fact 'x'");
    }

    @Test
    void neverCollectedIsNoEvidenceButACompleteEmptyCollectionIsPass() {
        assertThat(ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(), List.of(), false, NOW)).status())
                .isEqualTo(ControlStatus.NO_EVIDENCE);
        ControlResult empty = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(), List.of(), true, NOW));
        assertThat(empty.status()).isEqualTo(ControlStatus.PASS);
        assertThat(empty.reason()).isEqualTo("a complete collection found no resources in scope");
    }

    @Test
    void notApplicableResourcesAreNotCountedInScope() {
        ControlResult r = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("a", Verdict.notApplicable("archived")),
                bucket("b", Verdict.pass("ok"))), List.of(), true, NOW));
        assertThat(r.resourcesInScope()).isEqualTo(1);
        assertThat(r.status()).isEqualTo(ControlStatus.PASS);
    }

    @Test
    void fingerprintChangesWithFailingEvidenceNotWithTime() {
        ControlResult a = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("a", Verdict.fail("x"))), List.of(), true, NOW));
        ControlResult same = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("a", Verdict.fail("x"))), List.of(), true, NOW));
        ControlResult other = ControlEvaluator.evaluate(ControlInputs.automated(LS_01, List.of(bucket("b", Verdict.fail("x"))), List.of(), true, NOW));
        assertThat(a.fingerprint()).isEqualTo(same.fingerprint()).isNotEqualTo(other.fingerprint());
    }
}
