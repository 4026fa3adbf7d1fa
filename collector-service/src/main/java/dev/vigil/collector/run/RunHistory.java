package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The latest runs, newest first, in memory and bounded (older runs live on the collection-run topic). */
@ApplicationScoped
public class RunHistory {
    private final int capacity;
    private final LinkedHashMap<String, RunSummary> runs = new LinkedHashMap<>();

    public RunHistory(VigilConfig config) {
        this.capacity = Math.max(1, config.collection().historySize());
    }

    public synchronized void put(RunSummary run) {
        runs.put(run.runId(), run);
        while (runs.size() > capacity) {
            runs.remove(runs.keySet().iterator().next());
        }
    }

    public synchronized List<RunSummary> newestFirst() {
        List<RunSummary> list = new ArrayList<>(runs.values());
        list.sort((a, b) -> b.startedAt().compareTo(a.startedAt()));
        return list;
    }
}
