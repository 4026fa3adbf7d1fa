package dev.vigil.report.format;

import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayFormatTest {

    @Test
    void timesAreShownInUtcToTheSecond() {
        assertThat(DisplayFormat.when(Instant.parse("2026-11-22T09:05:03.987Z"))).isEqualTo("2026-11-22 09:05:03 UTC");
    }

    @Test
    void absentValuesAreSpelledOut() {
        assertThat(DisplayFormat.when(null)).isEqualTo("never");
        assertThat(DisplayFormat.count(null)).isEqualTo("—");
        assertThat(DisplayFormat.count(0)).isEqualTo("0");
        assertThat(DisplayFormat.orNone(" ")).isEqualTo("—");
        assertThat(DisplayFormat.orNone("Availability")).isEqualTo("Availability");
    }

    @Test
    void agesReadToTheSecond() {
        assertThat(DisplayFormat.age(Duration.ofMillis(400))).isEqualTo("under a second");
        assertThat(DisplayFormat.age(Duration.ofSeconds(7_503).plusMillis(900))).isEqualTo("2h 5m 3s");
        assertThat(DisplayFormat.age(Duration.ofHours(26))).isEqualTo("1d 2h");
    }

    @Test
    void statusesKnownByNameAndCommitmentStatusesGetTheSameCssClasses() {
        assertThat(DisplayFormat.badgeClass("NOT_EVALUATED")).isEqualTo(DisplayFormat.statusClass(ControlStatus.NOT_EVALUATED));
        assertThat(DisplayFormat.badgeClass(dev.vigil.report.commitments.CommitmentStatus.AT_RISK))
                .isEqualTo("status-at-risk");
    }

    @Test
    void aDocumentPartReadsAsWhatIsMissingOrExpiredOfHowMany() {
        assertThat(DisplayFormat.documents(new DocumentPart(ControlStatus.NO_EVIDENCE, List.of("ids-configuration"),
                List.of("ids-alert-sample"), List.of(), null))).isEqualTo("1 of 2 missing");
        assertThat(DisplayFormat.documents(new DocumentPart(ControlStatus.NO_EVIDENCE, List.of(), List.of("a"),
                List.of("b"), null))).isEqualTo("1 of 2 missing, 1 of 2 expired");
        assertThat(DisplayFormat.documents(new DocumentPart(ControlStatus.PASS, List.of("a", "b"), List.of(),
                List.of(), null))).isEqualTo("all 2 current");
        assertThat(DisplayFormat.documents(null)).isEqualTo("—");
        assertThat(DisplayFormat.types(List.of("a", "b"))).isEqualTo("a, b");
        assertThat(DisplayFormat.types(List.of())).isEqualTo("—");
        assertThat(DisplayFormat.statusClass(ControlStatus.DOCUMENT_MISSING)).isEqualTo("status-document-missing");
    }

    @Test
    void statusClassesAreCssFriendly() {
        assertThat(DisplayFormat.statusClass(ControlStatus.NOT_EVALUATED)).isEqualTo("status-not-evaluated");
        assertThat(DisplayFormat.statusClass(ControlStatus.PASS)).isEqualTo("status-pass");
    }

    @Test
    void frequencyAndEvidenceReadAsWords() {
        assertThat(DisplayFormat.frequency(Frequency.SEMIANNUALLY)).isEqualTo("Semiannually");
        assertThat(DisplayFormat.evidence(EvidenceKind.MANUAL)).startsWith("Manual");
    }
}
