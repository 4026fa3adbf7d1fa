package dev.vigil.report.dashboard;

import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.period.ControlHistory;
import dev.vigil.report.period.Period;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryBarTest {

    @Test
    void segmentsCoverTheWindowWithNoEvidenceBeforeTheFirstStatus() {
        Period window = new Period(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-11T00:00:00Z"));
        ControlHistory history = ControlHistory.of("CM-11", List.of(
                new StatusInterval("CM-11", "PASS", Instant.parse("2026-11-03T00:00:00Z"),
                        Instant.parse("2026-11-08T00:00:00Z"), 2, List.of(), null),
                new StatusInterval("CM-11", "FAIL", Instant.parse("2026-11-08T00:00:00Z"), null, 2, List.of(), null)),
                window);

        HistoryBar bar = HistoryBar.of(history);

        assertThat(bar.segments()).extracting(s -> s.status() + " " + s.left() + " " + s.width() + " " + s.ongoing())
                .containsExactly("NO_EVIDENCE 0.00 20.00 false", "PASS 20.00 50.00 false", "FAIL 70.00 30.00 true");
    }

    @Test
    void noHistoryIsOneNoEvidenceSegment() {
        Period window = new Period(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));

        HistoryBar bar = HistoryBar.of(ControlHistory.of("CM-11", List.of(), window));

        assertThat(bar.segments()).extracting(s -> s.status() + " " + s.width()).containsExactly("NO_EVIDENCE 100.00");
    }
}
