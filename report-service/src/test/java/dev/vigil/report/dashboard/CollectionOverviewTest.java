package dev.vigil.report.dashboard;

import dev.vigil.common.evidence.RunFailure;
import dev.vigil.report.linked.CollectionRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionOverviewTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static CollectionRun run(String id, String collector, String source, String state, int startMinute,
                                     boolean finished, RunFailure... failures) {
        Instant start = T.plusSeconds(60L * startMinute);
        return new CollectionRun(id, collector, source, state, start, finished ? start.plusSeconds(30) : null,
                Map.of("github.repository", 3L, "github.member", 2L), List.of(failures));
    }

    @Test
    void latestAndLastSuccessPerCollectorAndSourceRunningAndErrors() {
        RunFailure denied = new RunFailure("aws.iam.user", null, "AccessDenied", "iam:GenerateCredentialReport");
        List<CollectionRun> runs = List.of(
                run("gh-1", "github-repos", "vigil://github/acme", "COMPLETED", 0, true),
                run("aws-1", "aws-iam", "vigil://aws/123", "COMPLETED", 1, true),
                run("gh-2", "github-repos", "vigil://github/acme", "FAILED", 5, true,
                        new RunFailure(null, null, "HTTP 502", null)),
                run("aws-2", "aws-iam", "vigil://aws/123", "PARTIAL", 6, true, denied),
                run("gh-3", "github-repos", "vigil://github/acme", "PROGRESS", 9, false));

        CollectionOverview o = CollectionOverview.of(runs);

        assertThat(o.running()).extracting(CollectionRun::runId).containsExactly("gh-3");
        assertThat(o.running().get(0).itemCount()).isEqualTo(5);
        assertThat(o.sources()).extracting(s -> s.source() + " " + s.latest().runId() + " " + s.lastSuccess().runId())
                .containsExactly("vigil://aws/123 aws-2 aws-1", "vigil://github/acme gh-3 gh-1");
        assertThat(o.errors()).extracting(CollectionRun::runId).containsExactly("aws-2", "gh-2");
    }

    @Test
    void aSourceNeverReadInFullHasNoLastSuccess() {
        CollectionOverview o = CollectionOverview.of(List.of(run("x", "okta", "vigil://okta/acme", "FAILED", 0, true)));

        assertThat(o.sources()).singleElement().satisfies(s -> assertThat(s.lastSuccess()).isNull());
        assertThat(o.errors()).hasSize(1);
        assertThat(o.running()).isEmpty();
    }
}
