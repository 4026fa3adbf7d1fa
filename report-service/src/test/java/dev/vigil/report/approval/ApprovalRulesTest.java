package dev.vigil.report.approval;

import dev.vigil.report.approval.ApprovalRequest.Kind;
import dev.vigil.report.approval.ApprovalRequest.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalRulesTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final ApprovalRules FOUR_EYES = new ApprovalRules(true, 365);
    static final ApprovalRules ONE_PERSON = new ApprovalRules(false, 365);

    static ApprovalRequest acceptance(ApprovalRules rules, String requester) {
        return rules.request("r1", Kind.RISK_ACCEPTANCE, "LS-01", "aws:1:s3:legacy", null, "retired in Q2",
                NOW.plus(Duration.ofDays(90)), requester, NOW, List.of());
    }

    @Test
    void anotherAdminApprovesARiskAcceptance() {
        ApprovalRequest requested = acceptance(FOUR_EYES, "alice");
        assertThat(requested.state()).isEqualTo(State.PENDING);
        assertThat(requested.requestedBy()).isEqualTo("alice");

        ApprovalRequest approved = FOUR_EYES.approve(requested, "bob", NOW.plusSeconds(60));
        assertThat(approved.state()).isEqualTo(State.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("bob");
        assertThat(approved.decidedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(approved.fourEyes()).isTrue();
        assertThat(ApprovalRules.selfApproved(approved)).isFalse();
    }

    @Test
    void theRequesterMayNotApproveTheirOwnRequest() {
        ApprovalRequest requested = acceptance(FOUR_EYES, "alice");
        assertThatThrownBy(() -> FOUR_EYES.approve(requested, "alice", NOW))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.why()).isEqualTo(ApprovalRefused.Why.CONFLICT))
                .hasMessage("four-eyes: alice requested this risk acceptance (r1) and may not approve it; another admin must");
        ApprovalRequest revocation = FOUR_EYES.request("r2", Kind.SCOPING_DECISION_REVOCATION, "DS-04", null, "SD-1",
                "we now ship a mobile app", null, "bob", NOW, List.of());
        assertThatThrownBy(() -> FOUR_EYES.approve(revocation, "bob", NOW)).isInstanceOf(ApprovalRefused.class)
                .hasMessageContaining("revocation of a scoping decision");
    }

    @Test
    void withFourEyesOffTheRequesterMayApproveAndTheDecisionSaysSo() {
        ApprovalRequest approved = ONE_PERSON.approve(acceptance(ONE_PERSON, "alice"), "alice", NOW);
        assertThat(approved.state()).isEqualTo(State.APPROVED);
        assertThat(approved.fourEyes()).isFalse();
        assertThat(ApprovalRules.selfApproved(approved)).isTrue();
    }

    @Test
    void aDecidedRequestIsNeitherApprovedNorRejectedAgain() {
        ApprovalRequest approved = FOUR_EYES.approve(acceptance(FOUR_EYES, "alice"), "bob", NOW);
        assertThatThrownBy(() -> FOUR_EYES.approve(approved, "carol", NOW)).isInstanceOf(ApprovalRefused.class)
                .hasMessageStartingWith("request r1 was already approved by bob");
        assertThatThrownBy(() -> FOUR_EYES.reject(approved, "carol", "no", NOW)).isInstanceOf(ApprovalRefused.class);
    }

    @Test
    void aRejectionNeedsAReasonAndTheRequesterMayWithdraw() {
        ApprovalRequest requested = acceptance(FOUR_EYES, "alice");
        assertThatThrownBy(() -> FOUR_EYES.reject(requested, "bob", " ", NOW)).isInstanceOf(ApprovalRefused.class)
                .hasMessage("'reason' is required");
        ApprovalRequest rejected = FOUR_EYES.reject(requested, "bob", "fix the bucket instead", NOW);
        assertThat(rejected.state()).isEqualTo(State.REJECTED);
        assertThat(rejected.reason()).isEqualTo("fix the bucket instead");
        assertThat(FOUR_EYES.reject(requested, "alice", "withdrawn", NOW).decidedBy()).isEqualTo("alice");
    }

    @Test
    void aRiskAcceptanceNeedsAnExpiryInTheFutureAtMost365DaysAway() {
        assertThatThrownBy(() -> FOUR_EYES.request("r", Kind.RISK_ACCEPTANCE, "LS-01", null, null, "j", null,
                "alice", NOW, List.of())).isInstanceOf(ApprovalRefused.class).hasMessageContaining("needs an expiry");
        assertThatThrownBy(() -> FOUR_EYES.request("r", Kind.RISK_ACCEPTANCE, "LS-01", null, null, "j", NOW,
                "alice", NOW, List.of())).isInstanceOf(ApprovalRefused.class).hasMessageContaining("in the future");
        assertThatThrownBy(() -> FOUR_EYES.request("r", Kind.RISK_ACCEPTANCE, "LS-01", null, null, "j",
                NOW.plus(Duration.ofDays(366)), "alice", NOW, List.of()))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("at most 365 days");
        assertThat(FOUR_EYES.request("r", Kind.RISK_ACCEPTANCE, "LS-01", " ", null, "j", NOW.plus(Duration.ofDays(365)),
                "alice", NOW, List.of()).resourceKey()).isNull();
        assertThatThrownBy(() -> FOUR_EYES.request("r", Kind.RISK_ACCEPTANCE, "LS-01", null, null, "",
                NOW.plus(Duration.ofDays(1)), "alice", NOW, List.of())).hasMessage("'justification' is required");
    }

    @Test
    void anAcceptanceThatExpiredWhileWaitingIsNotApproved() {
        ApprovalRequest requested = FOUR_EYES.request("r1", Kind.RISK_ACCEPTANCE, "LS-01", null, null, "j",
                NOW.plus(Duration.ofDays(1)), "alice", NOW, List.of());
        assertThatThrownBy(() -> FOUR_EYES.approve(requested, "bob", NOW.plus(Duration.ofDays(2))))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("before its approval");
    }

    @Test
    void revocationsNameWhatTheyRevokeAndScopingTakesTheWholeControl() {
        assertThatThrownBy(() -> FOUR_EYES.request("r", Kind.RISK_ACCEPTANCE_REVOCATION, "LS-01", null, null, "j",
                null, "alice", NOW, List.of())).hasMessageContaining("'decisionId' is required");
        assertThatThrownBy(() -> FOUR_EYES.request("r", Kind.SCOPING_DECISION, "DS-04", "some:key", null, "j",
                null, "alice", NOW, List.of())).hasMessageContaining("leave 'resourceKey' out");
        ApprovalRequest scoping = FOUR_EYES.request("r", Kind.SCOPING_DECISION, "DS-04", null, null,
                "no mobile devices", NOW.plus(Duration.ofDays(9)), "alice", NOW, List.of());
        assertThat(scoping.expiresAt()).isNull();
    }

    @Test
    void oneRequestForTheSameThingWaitsAtATime() {
        ApprovalRequest first = acceptance(FOUR_EYES, "alice");
        assertThatThrownBy(() -> FOUR_EYES.request("r2", Kind.RISK_ACCEPTANCE, "LS-01", "aws:1:s3:legacy", null, "j",
                NOW.plus(Duration.ofDays(9)), "bob", NOW, List.of(first)))
                .isInstanceOfSatisfying(ApprovalRefused.class, e -> assertThat(e.why()).isEqualTo(ApprovalRefused.Why.CONFLICT))
                .hasMessageContaining("request r1").hasMessageContaining("by alice");
        // another resource of the same control, or a decided request, does not stand in the way
        FOUR_EYES.request("r3", Kind.RISK_ACCEPTANCE, "LS-01", "aws:1:s3:other", null, "j",
                NOW.plus(Duration.ofDays(9)), "bob", NOW, List.of(first));
        FOUR_EYES.request("r4", Kind.RISK_ACCEPTANCE, "LS-01", "aws:1:s3:legacy", null, "j",
                NOW.plus(Duration.ofDays(9)), "bob", NOW, List.of(FOUR_EYES.approve(first, "bob", NOW)));
        ApprovalRequest revoke = FOUR_EYES.request("r5", Kind.RISK_ACCEPTANCE_REVOCATION, "LS-01", null, "EX-1", "j",
                null, "bob", NOW, List.of());
        assertThatThrownBy(() -> FOUR_EYES.request("r6", Kind.RISK_ACCEPTANCE_REVOCATION, "LS-01", null, "EX-1", "j",
                null, "carol", NOW, List.of(revoke))).isInstanceOf(ApprovalRefused.class);
    }
}
