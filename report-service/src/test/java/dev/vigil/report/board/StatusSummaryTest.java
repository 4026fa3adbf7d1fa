package dev.vigil.report.board;

import dev.vigil.common.evidence.ControlStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vigil.report.board.TestData.fail;
import static dev.vigil.report.board.TestData.pass;
import static org.assertj.core.api.Assertions.assertThat;

class StatusSummaryTest {

    @Test
    void countsEveryStatusIncludingEmptyOnes() {
        ControlBoard board = new ControlBoard(TestData.catalogue());
        StatusSummary summary = StatusSummary.of(
                board.controls(Map.of("LS-02", pass("LS-02"), "LS-05", pass("LS-05")), ControlFilter.ALL));

        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.counts()).extracting(StatusSummary.StatusCount::status)
                .containsExactly(ControlStatus.values());
        assertThat(summary.count(ControlStatus.PASS)).isEqualTo(2);
        assertThat(summary.count(ControlStatus.NO_EVIDENCE)).isEqualTo(1);
        assertThat(summary.count(ControlStatus.FAIL)).isZero();
        assertThat(summary.count(ControlStatus.NOT_EVALUATED)).isZero();
    }

    @Test
    void countsAddUpToTheTotal() {
        ControlBoard board = new ControlBoard(TestData.catalogue());
        StatusSummary summary = StatusSummary.of(board.controls(Map.of("CM-01", fail("CM-01")), ControlFilter.ALL));

        assertThat(summary.counts().stream().mapToInt(StatusSummary.StatusCount::count).sum())
                .isEqualTo(summary.total());
    }
}
