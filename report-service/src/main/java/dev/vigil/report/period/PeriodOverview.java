package dev.vigil.report.period;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.report.history.StatusInterval;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every control over one period, for the first page of a Type II read-through: each control's share in PASS,
 * how many exceptions and gaps it had, how many controls had an exception, and the average share.
 */
@JsonPropertyOrder({"from", "to", "controlCount", "controlsWithExceptions", "controlsWithGaps", "averagePassShare",
        "controls"})
public record PeriodOverview(
        Instant from,
        Instant to,
        int controlCount,
        int controlsWithExceptions,
        int controlsWithGaps,
        double averagePassShare,
        List<ControlPeriod> controls) {

    @JsonPropertyOrder({"id", "title", "evidence", "passShare", "exceptionCount", "exceptionSeconds", "gapCount",
            "gapSeconds"})
    public record ControlPeriod(String id, String title, EvidenceKind evidence, double passShare, int exceptionCount,
                                double exceptionSeconds, int gapCount, double gapSeconds) {

        static ControlPeriod of(ControlDefinition c, PeriodSummary s) {
            return new ControlPeriod(c.id(), c.title(), c.evidence(), s.passShare(), s.exceptions().size(),
                    s.exceptions().stream().mapToDouble(PeriodSummary.ExceptionInterval::durationSeconds).sum(),
                    s.gaps().size(), s.gaps().stream().mapToDouble(PeriodSummary.Gap::durationSeconds).sum());
        }
    }

    /**
     * @param controls the controls to cover, in the order to show them; a control with no history is a
     *                 NO_EVIDENCE gap for the whole period
     * @param history  intervals by control id
     */
    public static PeriodOverview of(Collection<ControlDefinition> controls,
                                    Map<String, List<StatusInterval>> history, Period period) {
        List<ControlPeriod> rows = controls.stream()
                .map(c -> ControlPeriod.of(c, PeriodSummary.of(c.id(), history.getOrDefault(c.id(), List.of()),
                        period)))
                .toList();
        return new PeriodOverview(period.from(), period.to(), rows.size(),
                (int) rows.stream().filter(r -> r.exceptionCount() > 0).count(),
                (int) rows.stream().filter(r -> r.gapCount() > 0).count(),
                rows.stream().mapToDouble(ControlPeriod::passShare).average().orElse(0),
                rows);
    }
}
