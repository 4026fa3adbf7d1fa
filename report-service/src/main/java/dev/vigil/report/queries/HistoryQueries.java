package dev.vigil.report.queries;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.errors.UnknownControlException;
import dev.vigil.report.history.HistoryStore;
import dev.vigil.report.period.ControlHistory;
import dev.vigil.report.period.Period;
import dev.vigil.report.period.PeriodOverview;
import dev.vigil.report.period.PeriodSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What the history and period endpoints read: stored intervals, judged by the plain-Java period classes. */
@ApplicationScoped
public class HistoryQueries {
    private final HistoryStore store;
    private final Catalogue catalogue;

    public HistoryQueries(HistoryStore store, Catalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    @Transactional
    public ControlHistory history(String controlId, Period window) {
        known(controlId);
        return ControlHistory.of(controlId, store.overlapping(controlId, window.from(), window.to()), window);
    }

    @Transactional
    public PeriodSummary period(String controlId, Period period) {
        known(controlId);
        return PeriodSummary.of(controlId, store.overlapping(controlId, period.from(), period.to()), period);
    }

    /** Every catalogue control, automated and manual, in catalogue order. */
    @Transactional
    public PeriodOverview overview(Period period) {
        return PeriodOverview.of(catalogue.controls(), store.overlappingAll(period.from(), period.to()), period);
    }

    private void known(String controlId) {
        if (catalogue.control(controlId).isEmpty()) {
            throw new UnknownControlException(controlId);
        }
    }
}
