package dev.vigil.evaluator.domain;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.FailingResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.vigil.evaluator.domain.ControlEvaluatorTest.LS_01;
import static dev.vigil.evaluator.domain.ControlEvaluatorTest.T;
import static dev.vigil.evaluator.domain.ControlEvaluatorTest.bucket;
import static org.assertj.core.api.Assertions.assertThat;

/** STALE, EXCEPTED, NOT_APPLICABLE and document freshness, on plain data. */
class ControlStatusRulesTest {
    static final ControlDefinition COMMITMENTS = new ControlDefinition("SOC2-S1-SECURITY-COMMITMENTS",
            "Security Commitments Documentation", "S1", "Service Commitments", "Security", null, Frequency.ANNUALLY,
            EvidenceKind.MANUAL, List.of());
    static final List<RequiredDocument> S1_DOCS = List.of(new RequiredDocument("customer-dpa", null),
            new RequiredDocument("commitment-review", 365));

    static ControlInputs inputs(ControlDefinition control, List<ResourceView> resources, Instant now,
                                List<ControlException> exceptions, ScopingDecision scoping, List<DocumentView> docs) {
        return new ControlInputs(control, resources, PassingResources.NONE, List.of(), true, Duration.ofDays(1), docs,
                control.evidence() == EvidenceKind.AUTOMATED ? List.of() : S1_DOCS, exceptions, scoping, now);
    }

    static ControlResult automated(List<ResourceView> resources, Instant now, ControlException... exceptions) {
        return ControlEvaluator.evaluate(inputs(LS_01, resources, now, List.of(exceptions), null, List.of()));
    }

    @Test
    void evidenceOlderThanTheFreshnessWindowIsStaleNeverPass() {
        List<ResourceView> passing = List.of(bucket("a", Verdict.pass("ok")));
        assertThat(automated(passing, T.plus(Duration.ofHours(23))).status()).isEqualTo(ControlStatus.PASS);
        ControlResult stale = automated(passing, T.plus(Duration.ofHours(25)));
        assertThat(stale.status()).isEqualTo(ControlStatus.STALE);
        assertThat(stale.reason()).isEqualTo("evidence of 1 resource(s) is older than 24 h (oldest observed " + T + ")");
    }

    @Test
    void passingResourcesCountedInsteadOfListedWeighAsTheListedOnes() {
        ControlInputs listed = inputs(LS_01, List.of(bucket("a", Verdict.pass("ok")), bucket("b", Verdict.fail("b open"))),
                T.plus(Duration.ofHours(1)), List.of(), null, List.of());
        ControlInputs counted = new ControlInputs(LS_01, List.of(bucket("b", Verdict.fail("b open"))),
                new PassingResources(1, 0, T), List.of(), true, Duration.ofDays(1), List.of(), List.of(), List.of(), null,
                T.plus(Duration.ofHours(1)));
        assertThat(ControlEvaluator.evaluate(counted)).isEqualTo(ControlEvaluator.evaluate(listed));
        assertThat(ControlEvaluator.evaluate(counted).resourcesInScope()).isEqualTo(2);

        Instant older = T.minus(Duration.ofDays(2));
        ControlResult stale = ControlEvaluator.evaluate(new ControlInputs(LS_01, List.of(bucket("c", Verdict.pass("ok"))),
                new PassingResources(40_000, 3, older), List.of(), true, Duration.ofDays(1), List.of(), List.of(),
                List.of(), null, T.plus(Duration.ofHours(1))));
        assertThat(stale.status()).isEqualTo(ControlStatus.STALE);
        assertThat(stale.resourcesInScope()).isEqualTo(40_001);
        assertThat(stale.reason()).isEqualTo("evidence of 3 resource(s) is older than 24 h (oldest observed " + older + ")");

        ControlResult onlyCounted = ControlEvaluator.evaluate(new ControlInputs(LS_01, List.of(),
                new PassingResources(5, 0, T), List.of(), false, Duration.ofDays(1), List.of(), List.of(), List.of(), null,
                T.plus(Duration.ofHours(1))));
        assertThat(onlyCounted.status()).isEqualTo(ControlStatus.PASS);
        assertThat(onlyCounted.resourcesInScope()).isEqualTo(5);
    }

    @Test
    void aFailureSeenOnOldEvidenceIsStillAFailure() {
        assertThat(automated(List.of(bucket("a", Verdict.fail("bad"))), T.plus(Duration.ofDays(3))).status())
                .isEqualTo(ControlStatus.FAIL);
    }

    @Test
    void anActiveExceptionMakesTheFailureExceptedUntilItExpires() {
        ControlException accepted = new ControlException("EX-1", "LS-01", "aws:1:s3:a", "ciso@acme", "legacy bucket, "
                + "migration planned", T.plus(Duration.ofHours(5)));
        List<ResourceView> failing = List.of(bucket("a", Verdict.fail("a unencrypted")), bucket("b", Verdict.pass("ok")));

        ControlResult excepted = automated(failing, T.plus(Duration.ofHours(1)), accepted);
        assertThat(excepted.status()).isEqualTo(ControlStatus.EXCEPTED);
        assertThat(excepted.failingResources()).extracting(FailingResource::exceptionId).containsExactly("EX-1");
        assertThat(excepted.reason()).contains("EX-1 (owner ciso@acme, until " + T.plus(Duration.ofHours(5)));

        assertThat(automated(failing, T.plus(Duration.ofHours(5)), accepted).status()).isEqualTo(ControlStatus.FAIL);
    }

    @Test
    void anExceptionForOneResourceLeavesOtherFailuresFailing() {
        ControlException onlyA = new ControlException("EX-2", "LS-01", "aws:1:s3:a", "o", "j", T.plus(Duration.ofDays(1)));
        ControlResult r = automated(List.of(bucket("a", Verdict.fail("x")), bucket("b", Verdict.fail("y"))),
                T.plusSeconds(60), onlyA);
        assertThat(r.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(r.failingResources()).extracting(FailingResource::resourceKey, FailingResource::exceptionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws:1:s3:a", "EX-2"),
                        org.assertj.core.groups.Tuple.tuple("aws:1:s3:b", null));
    }

    @Test
    void aControlWideExceptionCoversEveryFailingResource() {
        ControlException all = new ControlException("EX-3", "LS-01", null, "o", "j", T.plus(Duration.ofDays(1)));
        assertThat(automated(List.of(bucket("a", Verdict.fail("x")), bucket("b", Verdict.fail("y"))), T.plusSeconds(60), all)
                .status()).isEqualTo(ControlStatus.EXCEPTED);
    }

    @Test
    void onlyAScopingDecisionMakesAControlNotApplicable() {
        ScopingDecision decision = new ScopingDecision("LS-01", "no customer data stored in S3", "ciso@acme", T);
        ControlResult r = ControlEvaluator.evaluate(inputs(LS_01, List.of(bucket("a", Verdict.fail("x"))),
                T.plusSeconds(60), List.of(), decision, List.of()));
        assertThat(r.status()).isEqualTo(ControlStatus.NOT_APPLICABLE);
        assertThat(r.reason()).isEqualTo("out of scope by decision of ciso@acme on 2026-11-20: no customer data stored in S3");
    }

    static DocumentView doc(String type, LocalDate effective) {
        return new DocumentView("manual:S1:" + type, type, effective, "sha256:" + type, "cfo@acme");
    }

    static ControlResult commitments(Instant now, DocumentView... docs) {
        return ControlEvaluator.evaluate(inputs(COMMITMENTS, List.of(), now, List.of(), null, List.of(docs)));
    }

    @Test
    void theCommitmentsControlTurnsStale365DaysAfterItsLastReview() {
        DocumentView dpa = doc("customer-dpa", LocalDate.parse("2020-01-15"));
        DocumentView review = doc("commitment-review", LocalDate.parse("2025-11-23"));
        assertThat(commitments(Instant.parse("2026-11-22T23:59:59Z"), dpa, review).status()).isEqualTo(ControlStatus.PASS);
        ControlResult stale = commitments(Instant.parse("2026-11-23T00:00:00Z"), dpa, review);
        assertThat(stale.status()).isEqualTo(ControlStatus.STALE);
        assertThat(stale.reason()).isEqualTo("commitment-review effective 2025-11-23 is 365 days old (at most 365)");
        // a newer review makes it current again; the signed DPA never expires
        assertThat(commitments(Instant.parse("2026-11-23T00:00:00Z"), dpa, review,
                doc("commitment-review", LocalDate.parse("2026-11-20"))).status()).isEqualTo(ControlStatus.PASS);
    }

    @Test
    void aMissingRequiredDocumentIsNoEvidenceNamingIt() {
        ControlResult r = commitments(T, doc("commitment-review", LocalDate.parse("2026-10-01")));
        assertThat(r.status()).isEqualTo(ControlStatus.NO_EVIDENCE);
        assertThat(r.reason()).isEqualTo("no document uploaded for: customer-dpa");
    }

    @Test
    void aControlEvidencedBothWaysTakesTheWorseStatus() {
        ControlDefinition both = new ControlDefinition("LS-01", "t", "LS", "LS", "Security", null, Frequency.ANNUALLY,
                EvidenceKind.BOTH, List.of(new RuleMapping("aws.s3.default-encryption", "why")));
        ControlResult r = ControlEvaluator.evaluate(inputs(both, List.of(bucket("a", Verdict.pass("ok"))), T.plusSeconds(60),
                List.of(), null, List.of(doc("commitment-review", LocalDate.parse("2020-01-01")))));
        // the rules pass: a missing document is DOCUMENT_MISSING, not NO_EVIDENCE (MixedControlsTest)
        assertThat(r.status()).isEqualTo(ControlStatus.DOCUMENT_MISSING);
        assertThat(r.resourcesInScope()).isEqualTo(3);
    }
}
