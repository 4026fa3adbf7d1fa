package dev.vigil.report.dashboard;

import dev.vigil.report.linked.CollectionRun;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the collection runs page shows: runs in progress, each collector's latest run and last complete run per
 * source, and the runs that reported failures. Runs come newest first, as the collector lists them, but are
 * sorted again here so the page never depends on that.
 */
public record CollectionOverview(List<CollectionRun> running, List<SourceState> sources, List<CollectionRun> errors) {
    static final int MAX_ERRORS = 20;

    /**
     * One collector reading one source.
     *
     * @param lastSuccess its newest COMPLETED run, or null if none is among the runs the collector still keeps
     */
    public record SourceState(String source, String collector, CollectionRun latest, CollectionRun lastSuccess) {
    }

    public static CollectionOverview of(List<CollectionRun> runs) {
        List<CollectionRun> newestFirst = runs.stream()
                .sorted(Comparator.comparing(CollectionRun::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        Map<String, CollectionRun> latest = new LinkedHashMap<>();
        Map<String, CollectionRun> lastSuccess = new LinkedHashMap<>();
        for (CollectionRun r : newestFirst) {
            String key = r.source() + "#" + r.collector();
            latest.putIfAbsent(key, r);
            if (r.succeeded()) {
                lastSuccess.putIfAbsent(key, r);
            }
        }
        List<SourceState> sources = latest.entrySet().stream()
                .map(e -> new SourceState(e.getValue().source(), e.getValue().collector(), e.getValue(),
                        lastSuccess.get(e.getKey())))
                .sorted(Comparator.comparing(SourceState::source).thenComparing(SourceState::collector))
                .toList();
        List<CollectionRun> errors = newestFirst.stream()
                .filter(r -> !r.failures().isEmpty() || "FAILED".equals(r.state()) || "PARTIAL".equals(r.state()))
                .limit(MAX_ERRORS)
                .toList();
        return new CollectionOverview(newestFirst.stream().filter(CollectionRun::running).toList(), sources, errors);
    }
}
