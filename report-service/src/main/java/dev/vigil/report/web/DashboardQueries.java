package dev.vigil.report.web;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import dev.vigil.report.board.StatusSummary;
import dev.vigil.report.dashboard.CollectionOverview;
import dev.vigil.report.dashboard.ControlSources;
import dev.vigil.report.dashboard.HistoryBar;
import dev.vigil.report.dashboard.ScoreBoard;
import dev.vigil.report.dashboard.Trend;
import dev.vigil.report.dashboard.TrendChart;
import dev.vigil.report.history.HistoryStore;
import dev.vigil.report.linked.CollectionRun;
import dev.vigil.report.linked.ControlException;
import dev.vigil.report.linked.LinkedServicesConfig;
import dev.vigil.report.linked.LinkedServices;
import dev.vigil.report.period.ControlHistory;
import dev.vigil.report.period.Period;
import dev.vigil.report.queries.BoardQueries;
import dev.vigil.report.queries.HistoryQueries;
import dev.vigil.report.review.ReviewScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** What the dashboard pages show beyond the plain control list: scores, trend, history, runs, exceptions. */
@ApplicationScoped
public class DashboardQueries {
    static final int TREND_DAYS = 30;

    private final BoardQueries board;
    private final HistoryStore history;
    private final HistoryQueries histories;
    private final Catalogue catalogue;
    private final ControlSources sources;
    private final LinkedServices services;
    private final LinkedServicesConfig config;
    private final Clock clock;

    public DashboardQueries(BoardQueries board, HistoryStore history, HistoryQueries histories, Catalogue catalogue,
                            LinkedServices services, LinkedServicesConfig config, Clock clock) {
        this.board = board;
        this.history = history;
        this.histories = histories;
        this.catalogue = catalogue;
        this.sources = new ControlSources(catalogue.controls());
        this.services = services;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The overview page: counts and scores over every control, whatever the list is filtered to.
     *
     * @param source blank for any; a source no control uses matches nothing (the page says so)
     */
    public record Overview(StatusSummary summary, ScoreBoard scores, List<Trend.Point> trend, TrendChart chart,
                           List<ControlView> controls, ControlFilter filter, String source, List<String> sources) {
        public boolean filtered() {
            return !filter.isAll() || source != null;
        }

        /** Query string for a filter link that keeps the other filters, e.g. {@code ?category=LS&source=aws}. */
        public String link(Object status, Object category, Object source) {
            StringBuilder q = new StringBuilder();
            append(q, "status", status);
            append(q, "category", category);
            append(q, "source", source);
            return q.isEmpty() ? "/" : "/?" + q;
        }

        private static void append(StringBuilder q, String name, Object value) {
            if (value != null && !value.toString().isBlank()) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        }
    }

    @Transactional
    public Overview overview(ControlFilter filter, String source) {
        String wanted = source == null || source.isBlank() ? null : source.trim();
        List<ControlView> all = board.controls(ControlFilter.ALL);
        List<ControlView> shown = all.stream()
                .filter(filter::matches)
                .filter(c -> sources.matches(c.id(), wanted))
                .toList();
        Instant now = clock.instant();
        Instant from = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(TREND_DAYS - 1L)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Trend.Point> trend = Trend.daily(all.stream().map(ControlView::id).toList(),
                history.overlappingAll(from, now), TREND_DAYS, now);
        return new Overview(StatusSummary.of(all), ScoreBoard.of(all, catalogue.criteria()), trend,
                TrendChart.of(trend), shown, filter, wanted, sources.all());
    }

    /**
     * The parts of a control's page that are not in {@code ControlDetail}: its last 30 days and its exceptions.
     *
     * @param exceptions null when {@code exceptionsUnavailable} says why the evaluator could not be asked
     */
    public record ControlExtras(ControlHistory history, HistoryBar bar, List<String> sources, boolean takesDocuments,
                                List<ControlException> exceptions, String exceptionsUnavailable,
                                boolean reviewedByCampaigns) {
    }

    public ControlExtras controlExtras(String id) {
        Instant now = clock.instant();
        ControlHistory h = histories.history(id, new Period(now.minus(Period.DEFAULT_LENGTH), now));
        LinkedServices.Answer<List<ControlException>> exceptions = services.exceptions(id);
        boolean documents = catalogue.control(id).map(c -> c.evidencedByDocuments()).orElse(false);
        return new ControlExtras(h, HistoryBar.of(h), List.copyOf(sources.of(id)), documents, exceptions.value(),
                exceptions.unavailable(), ReviewScope.of(id).isPresent());
    }

    /** The collection runs page; {@code unavailable} says why collector-service could not be asked. */
    public record Collections(CollectionOverview runs, String collectorUrl, String unavailable) {
    }

    public Collections collections() {
        LinkedServices.Answer<List<CollectionRun>> runs = services.collectionRuns();
        return new Collections(runs.ok() ? CollectionOverview.of(runs.value()) : null,
                config.collectorUrl().toString(), runs.unavailable());
    }
}
