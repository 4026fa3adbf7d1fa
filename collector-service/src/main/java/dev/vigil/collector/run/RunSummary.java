package dev.vigil.collector.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.collector.spi.ApiCalls;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.Trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run as GET /api/collections shows it. {@code finishedAt} is null while it runs. {@code apiCalls}: provider
 * calls that counted against its rate limit, conditional ones answered 304 (free), and the budget left.
 * {@code trigger}: for a targeted run, the provider event it answered (absent for a run of everything).
 */
public record RunSummary(
        String runId,
        String collector,
        String source,
        RunState state,
        Instant startedAt,
        Instant finishedAt,
        Map<String, Long> counts,
        List<RunFailure> failures,
        ApiCalls.Summary apiCalls,
        @JsonInclude(JsonInclude.Include.NON_NULL) Trigger trigger) {

    /**
     * This run ended at {@code at} as FAILED because its instance stopped (died, lost its lease, shut down): every
     * resource type it counts gains a failure saying why, so none of them reads as read in full; what it published so
     * far stands.
     */
    public RunSummary abandoned(String reason, Instant at) {
        List<RunFailure> ended = new ArrayList<>(failures);
        for (String type : counts.keySet()) {
            ended.add(new RunFailure(type, null, reason, null));
        }
        return new RunSummary(runId, collector, source, RunState.FAILED, startedAt, at, counts, ended, apiCalls,
                trigger);
    }
}
