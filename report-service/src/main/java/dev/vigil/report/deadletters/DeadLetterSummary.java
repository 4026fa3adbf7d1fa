package dev.vigil.report.deadletters;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many dead letters each topic holds for each reason, and how many of those were replayed: the first thing to
 * read when deciding what to fix and replay.
 */
public record DeadLetterSummary(String topic, String reason, int count, int replayed) {
    private record Group(String topic, String reason) {
    }

    /** Most first; ties by topic, then reason. */
    static List<DeadLetterSummary> of(List<DeadLetter> deadLetters, Set<String> replayedIds) {
        Map<Group, int[]> counts = new LinkedHashMap<>();
        for (DeadLetter d : deadLetters) {
            int[] c = counts.computeIfAbsent(new Group(d.originalTopic(), d.reason()), k -> new int[2]);
            c[0]++;
            if (replayedIds.contains(d.id().toString())) {
                c[1]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new DeadLetterSummary(e.getKey().topic(), e.getKey().reason(), e.getValue()[0],
                        e.getValue()[1]))
                .sorted(Comparator.comparingInt(DeadLetterSummary::count).reversed()
                        .thenComparing(DeadLetterSummary::topic)
                        .thenComparing(s -> s.reason() == null ? "" : s.reason()))
                .toList();
    }
}
