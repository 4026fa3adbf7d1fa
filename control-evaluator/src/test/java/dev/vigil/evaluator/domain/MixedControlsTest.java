package dev.vigil.evaluator.domain;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.vigil.evaluator.domain.ControlEvaluatorTest.T;
import static dev.vigil.evaluator.domain.ControlEvaluatorTest.bucket;
import static org.assertj.core.api.Assertions.assertThat;

/** A control evidenced both ways (rules and documents): its two parts, and the status they make (docs/controls.md). */
class MixedControlsTest {
    static final ControlDefinition MIXED = new ControlDefinition("LS-01", "Encrypt sensitive data at rest", "LS",
            "Logical Security", "Confidentiality", "Security", Frequency.ANNUALLY, EvidenceKind.BOTH,
            List.of(new RuleMapping("aws.s3.default-encryption", "why")));
    static final List<RequiredDocument> REQUIRED = List.of(new RequiredDocument("encryption-standard", 365));
    static final Instant NOW = T.plusSeconds(60);

    /** The truth table of docs/controls.md, row by row: rules' status, documents' status, the control's. */
    @ParameterizedTest(name = "rules {0}, documents {1}: {2}")
    @CsvSource({
            "PASS,          PASS,        PASS",
            "PASS,          STALE,       STALE",
            "PASS,          NO_EVIDENCE, DOCUMENT_MISSING",
            "FAIL,          PASS,        FAIL",
            "FAIL,          STALE,       FAIL",
            "FAIL,          NO_EVIDENCE, FAIL",
            "NOT_EVALUATED, PASS,        NOT_EVALUATED",
            "NOT_EVALUATED, STALE,       NOT_EVALUATED",
            "NOT_EVALUATED, NO_EVIDENCE, NOT_EVALUATED",
            "STALE,         PASS,        STALE",
            "STALE,         STALE,       STALE",
            "STALE,         NO_EVIDENCE, STALE",
            "EXCEPTED,      PASS,        EXCEPTED",
            "EXCEPTED,      STALE,       STALE",
            "EXCEPTED,      NO_EVIDENCE, DOCUMENT_MISSING",
            "NO_EVIDENCE,   PASS,        NO_EVIDENCE",
            "NO_EVIDENCE,   STALE,       STALE",
            "NO_EVIDENCE,   NO_EVIDENCE, NO_EVIDENCE",
    })
    void theTwoPartsMakeTheControlsStatus(ControlStatus rules, ControlStatus documents, ControlStatus control) {
        assertThat(ControlEvaluator.combine(rules, documents)).isEqualTo(control);
    }

    @Test
    void everyStatusTheRulesOrTheDocumentsCanGiveIsInTheTable() {
        // 6 statuses of the rules × 3 of the documents: a status added to either part needs its row
        assertThat(ControlEvaluator.SEVERITY).containsExactly(ControlStatus.FAIL, ControlStatus.NOT_EVALUATED,
                ControlStatus.STALE, ControlStatus.DOCUMENT_MISSING, ControlStatus.EXCEPTED, ControlStatus.NO_EVIDENCE,
                ControlStatus.PASS);
    }

    static ControlResult evaluate(List<ResourceView> resources, boolean everCollected, DocumentView... docs) {
        return ControlEvaluator.evaluate(new ControlInputs(MIXED, resources, PassingResources.NONE, List.of(),
                everCollected, Duration.ofDays(1), List.of(docs), REQUIRED, List.of(), null, NOW));
    }

    static DocumentView standard(LocalDate effective) {
        return new DocumentView("manual:LS-01:encryption-standard:" + effective, "encryption-standard", effective,
                "sha256:" + effective, "ciso@example.com");
    }

    @Test
    void rulesThatPassWithTheDocumentMissingSayExactlyThatAndKeepBothParts() {
        ControlResult r = evaluate(List.of(bucket("a", Verdict.pass("ok")), bucket("b", Verdict.pass("ok"))), true);
        assertThat(r.status()).isEqualTo(ControlStatus.DOCUMENT_MISSING);
        assertThat(r.reason()).isEqualTo("rules pass on 2 resource(s) in scope; no document uploaded for: encryption-standard");
        assertThat(r.automated()).isEqualTo(new AutomatedPart(ControlStatus.PASS, 2, 0));
        assertThat(r.documents()).isEqualTo(new DocumentPart(ControlStatus.NO_EVIDENCE, List.of(),
                List.of("encryption-standard"), List.of(), "no document uploaded for: encryption-standard"));
        assertThat(r.resourcesInScope()).isEqualTo(3); // two buckets and one document type, as before
    }

    @Test
    void theDocumentUploadedTheControlPassesAndItsDocumentPartNamesIt() {
        ControlResult r = evaluate(List.of(bucket("a", Verdict.pass("ok"))), true, standard(LocalDate.parse("2026-06-01")));
        assertThat(r.status()).isEqualTo(ControlStatus.PASS);
        assertThat(r.automated()).isEqualTo(new AutomatedPart(ControlStatus.PASS, 1, 0));
        assertThat(r.documents().status()).isEqualTo(ControlStatus.PASS);
        assertThat(r.documents().present()).containsExactly("encryption-standard");
        assertThat(r.documents().reason()).isEqualTo("documents current: encryption-standard (2026-06-01)");
    }

    @Test
    void anExpiredDocumentIsListedAsExpiredNotMissing() {
        ControlResult r = evaluate(List.of(bucket("a", Verdict.pass("ok"))), true, standard(LocalDate.parse("2025-01-01")));
        assertThat(r.status()).isEqualTo(ControlStatus.STALE);
        assertThat(r.documents().expired()).containsExactly("encryption-standard");
        assertThat(r.documents().missing()).isEmpty();
        assertThat(r.documents().present()).isEmpty();
    }

    @Test
    void failingRulesFailWhateverTheDocumentsAndThePartsSayWhy() {
        ControlResult r = evaluate(List.of(bucket("a", Verdict.fail("no encryption")), bucket("b", Verdict.pass("ok"))),
                true, standard(LocalDate.parse("2026-06-01")));
        assertThat(r.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(r.automated()).isEqualTo(new AutomatedPart(ControlStatus.FAIL, 2, 1));
        assertThat(r.documents().status()).isEqualTo(ControlStatus.PASS);
    }

    @Test
    void nothingCollectedAndNoDocumentIsStillNoEvidence() {
        ControlResult r = evaluate(List.of(), false);
        assertThat(r.status()).isEqualTo(ControlStatus.NO_EVIDENCE);
        assertThat(r.automated().status()).isEqualTo(ControlStatus.NO_EVIDENCE);
        assertThat(r.documents().missing()).containsExactly("encryption-standard");
    }

    @Test
    void aControlHasOnlyThePartsItIsEvidencedBy() {
        ControlResult automated = ControlEvaluator.evaluate(ControlInputs.automated(ControlEvaluatorTest.LS_01,
                List.of(bucket("a", Verdict.pass("ok"))), List.of(), true, NOW));
        assertThat(automated.automated()).isEqualTo(new AutomatedPart(ControlStatus.PASS, 1, 0));
        assertThat(automated.documents()).isNull();

        ControlResult manual = ControlStatusRulesTest.commitments(NOW);
        assertThat(manual.status()).isEqualTo(ControlStatus.NO_EVIDENCE); // nothing uploaded: nothing collected
        assertThat(manual.automated()).isNull();
        assertThat(manual.documents().missing()).containsExactly("customer-dpa", "commitment-review");
    }

    @Test
    void aPartThatChangesIsANewStatusToPublish() {
        ControlResult missing = evaluate(List.of(bucket("a", Verdict.pass("ok"))), true);
        ControlResult present = evaluate(List.of(bucket("a", Verdict.pass("ok"))), true,
                standard(LocalDate.parse("2026-06-01")));
        assertThat(missing.fingerprint()).isNotEqualTo(present.fingerprint());
        assertThat(missing.fingerprint()).isEqualTo(evaluate(List.of(bucket("a", Verdict.pass("ok"))), true).fingerprint());
    }
}
