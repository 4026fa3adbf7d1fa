package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.SourceRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed read marks unknown only the resource types, or resources, it concerns: on data. */
class RunIngestionTest {
    static final List<String> TYPES = List.of("github.organization", "github.member", "github.repository");

    static CollectionRunEvent run(RunState state, RunFailure... failures) {
        return new CollectionRunEvent("r1", "github-branch-protection", new SourceRef("github", "acme-demo"), state,
                Instant.EPOCH, Instant.EPOCH, TYPES, Map.of(), List.of(failures));
    }

    @Test
    void aFailureOnOneTypeIsAGapOfThatTypeOnlyAndTheOthersWereReadInFull() {
        CollectionRunEvent r = run(RunState.PARTIAL, new RunFailure("github.repository", "github:acme-demo/web",
                "403 Forbidden", "administration:read"));
        assertThat(RunIngestion.gapsFor(r, "github.repository")).singleElement()
                .satisfies(g -> assertThat(g.resourceKey()).isEqualTo("github:acme-demo/web"));
        assertThat(RunIngestion.gapsFor(r, "github.member")).isEmpty();
        assertThat(RunIngestion.readInFull(r, RunIngestion.gapsFor(r, "github.member"))).isTrue();
        assertThat(RunIngestion.readInFull(r, RunIngestion.gapsFor(r, "github.repository"))).isFalse();
    }

    @Test
    void aFailureNamingNoTypeOrAFailedRunConcernsEveryType() {
        CollectionRunEvent whole = run(RunState.PARTIAL, new RunFailure(null, null, "rate limited", null));
        TYPES.forEach(t -> assertThat(RunIngestion.gapsFor(whole, t)).hasSize(1));
        CollectionRunEvent failed = run(RunState.FAILED);
        TYPES.forEach(t -> {
            assertThat(RunIngestion.gapsFor(failed, t)).singleElement()
                    .satisfies(g -> assertThat(g.reason()).isEqualTo("the collection run failed"));
            assertThat(RunIngestion.readInFull(failed, List.of())).isFalse();
        });
    }
}
