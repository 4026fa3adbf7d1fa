package dev.vigil.report.deadletters;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** The dead letters a filter selects, read from Kafka, with their replays from the database. */
@ApplicationScoped
public class DeadLetterListing {
    private final DeadLetterReader reader;
    private final ReplayLog log;

    public DeadLetterListing(DeadLetterReader reader, ReplayLog log) {
        this.reader = reader;
        this.log = log;
    }

    public DeadLetterPage page(DeadLetterFilter filter, int limit, int offset) {
        List<DeadLetter> matching = matching(filter);
        Map<String, Replay> replays = log.find(matching.stream().map(d -> d.id().toString()).toList());
        List<DeadLetterView> page = matching.stream().skip(offset).limit(limit)
                .map(d -> DeadLetterView.of(d, replays.get(d.id().toString()))).toList();
        return new DeadLetterPage(matching.size(), limit, offset, filter.toString(),
                DeadLetterSummary.of(matching, replays.keySet()), page);
    }

    /** Oldest first: the order a replay by filter publishes them in. */
    public List<DeadLetter> matching(DeadLetterFilter filter) {
        try (DeadLetterReader.Session dlq = reader.open()) {
            return dlq.all().stream().filter(filter::matches).toList();
        }
    }
}
