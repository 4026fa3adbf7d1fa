package dev.vigil.report.commitments;

import dev.vigil.report.commitments.CommitmentAssessment.ControlState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommitmentAssessmentTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Commitment ENCRYPTION = new Commitment("encryption-at-rest",
            "Customer data is encrypted at rest", "Confidentiality", List.of("Trust page"), List.of(
            new Commitment.Backing("LS-01", "buckets encrypt by default"),
            new Commitment.Backing("BDR-09", "backups are encrypted too")));

    @Test
    void backedWhenEveryControlPasses() {
        CommitmentAssessment a = assess(ENCRYPTION, "PASS", "PASS");

        assertThat(a.status()).isEqualTo(CommitmentStatus.BACKED);
        assertThat(a.reason()).isEqualTo("All 2 controls pass.");
        assertThat(a.controls()).extracting(CommitmentAssessment.BackingControl::justification)
                .containsExactly("buckets encrypt by default", "backups are encrypted too");
    }

    @Test
    void unbackedWhenAnyControlFailsAndTheReasonNamesIt() {
        CommitmentAssessment a = assess(ENCRYPTION, "FAIL", "NO_EVIDENCE");

        assertThat(a.status()).isEqualTo(CommitmentStatus.UNBACKED);
        assertThat(a.reason()).isEqualTo("Failing: LS-01. Also not shown to pass: BDR-09 is NO_EVIDENCE.");
    }

    @Test
    void unbackedWhenTheCommitmentNamesNoControl() {
        Commitment stated = new Commitment("data-subject-requests", "Individuals can have their data deleted",
                "Privacy", List.of("Privacy policy"), List.of());

        CommitmentAssessment a = CommitmentAssessment.assess(stated, Map.of());

        assertThat(a.status()).isEqualTo(CommitmentStatus.UNBACKED);
        assertThat(a.reason()).isEqualTo(CommitmentAssessment.NO_CONTROL);
    }

    @Test
    void atRiskWhenNothingFailsButSomethingIsNotShownToPass() {
        for (String notShown : List.of("NOT_EVALUATED", "STALE", "NO_EVIDENCE")) {
            CommitmentAssessment a = assess(ENCRYPTION, "PASS", notShown);

            assertThat(a.status()).as(notShown).isEqualTo(CommitmentStatus.AT_RISK);
            assertThat(a.reason()).isEqualTo("Not shown to pass: BDR-09 is " + notShown + ".");
        }
    }

    @Test
    void anExceptedControlDoesNotBackACommitmentAndTheReasonSaysWhy() {
        CommitmentAssessment a = assess(ENCRYPTION, "EXCEPTED", "PASS");

        assertThat(a.status()).isEqualTo(CommitmentStatus.AT_RISK);
        assertThat(a.reason()).contains("LS-01 is EXCEPTED", "accepted as an exception does not back a commitment");
    }

    @Test
    void aControlWhoseDocumentIsMissingDoesNotBackACommitmentAndTheReasonSaysWhy() {
        CommitmentAssessment a = assess(ENCRYPTION, "DOCUMENT_MISSING", "PASS");

        assertThat(a.status()).isEqualTo(CommitmentStatus.AT_RISK);
        assertThat(a.reason()).contains("LS-01 is DOCUMENT_MISSING (its rules pass, but a document it requires was never uploaded)");
    }

    @Test
    void aStatusThisServiceDoesNotKnowIsNeverTakenAsBacking() {
        assertThat(assess(ENCRYPTION, "PASS", "QUARANTINED").status()).isEqualTo(CommitmentStatus.AT_RISK);
        assertThat(assess(ENCRYPTION, "NOT_APPLICABLE", "PASS").reason()).contains("scoped out");
    }

    @Test
    void aControlWithoutAnyStatusHasNoEvidence() {
        CommitmentAssessment a = CommitmentAssessment.assess(ENCRYPTION,
                Map.of("LS-01", new ControlState("Encrypt", "PASS", AT)));

        assertThat(a.status()).isEqualTo(CommitmentStatus.AT_RISK);
        assertThat(a.controls().get(1).status()).isEqualTo("NO_EVIDENCE");
    }

    private static CommitmentAssessment assess(Commitment c, String ls01, String bdr09) {
        return CommitmentAssessment.assess(c, Map.of(
                "LS-01", new ControlState("Encrypt sensitive data at rest", ls01, AT),
                "BDR-09", new ControlState("AES encryption for backups", bdr09, AT)));
    }
}
