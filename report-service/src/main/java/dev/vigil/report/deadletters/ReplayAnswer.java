package dev.vigil.report.deadletters;

import java.util.List;

/** The answer to a replay request: what each dead letter came to, in the order asked, with the counts. */
public record ReplayAnswer(String request, int replayed, int alreadyReplayed, int unknown,
                           List<ReplayOutcome> results) {
    static ReplayAnswer of(String request, List<ReplayOutcome> results) {
        return new ReplayAnswer(request, count(results, ReplayOutcome.Result.REPLAYED),
                count(results, ReplayOutcome.Result.ALREADY_REPLAYED), count(results, ReplayOutcome.Result.UNKNOWN),
                List.copyOf(results));
    }

    private static int count(List<ReplayOutcome> results, ReplayOutcome.Result result) {
        return (int) results.stream().filter(o -> o.result() == result).count();
    }
}
