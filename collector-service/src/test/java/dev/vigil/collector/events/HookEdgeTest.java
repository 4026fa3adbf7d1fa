package dev.vigil.collector.events;

import dev.vigil.collector.events.github.GitHubEventTargetsTest;
import dev.vigil.collector.events.github.GitHubReceiver;
import dev.vigil.collector.events.github.GitHubSignature;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.Trigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge with the GitHub receiver, on recorded deliveries: what each gets, what is counted, what is read. */
class HookEdgeTest {
    static final String SECRET = "current-secret";
    static final Instant T = Instant.parse("2026-12-02T14:00:00Z");
    static final byte[] RULE_EDITED = Fixtures.bytes(GitHubEventTargetsTest.class, "branch_protection_rule.edited.json");

    record Read(List<Target> targets, Trigger trigger) {
    }

    final List<Read> reads = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicLong nanos = new AtomicLong();

    HookEdge edge(List<String> secrets, int rate, int burst) {
        return new HookEdge(List.of(new GitHubReceiver(secrets, "acme-demo")), 64 * 1024, rate, burst,
                new RecentDeliveries(Duration.ofHours(24), 1000), (targets, trigger) -> reads.add(new Read(targets,
                trigger)), meters, nanos::get);
    }

    HookEdge edge() {
        return edge(List.of("previous-secret", SECRET), 10, 100);
    }

    static Map<String, String> headers(String event, String delivery, String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", delivery);
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "GitHub-Hookshot/0b1b1c5");
        if (signature != null) {
            h.put("X-Hub-Signature-256", signature);
        }
        return h;
    }

    double rejected(String reason) {
        return meters.counter("vigil.events.rejected", "provider", "github", "reason", reason).count();
    }

    double received(String outcome) {
        return meters.counter("vigil.events.received", "provider", "github", "outcome", outcome).count();
    }

    @Test
    void aSignedDeliveryIsReadAgainOnceWithTheDeliveryAsItsTrigger() {
        HookEdge edge = edge();
        String delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
        HookEdge.Answer answer = edge.receive("github", headers("branch_protection_rule", delivery,
                GitHubSignature.sign(SECRET, RULE_EDITED)), RULE_EDITED, T);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(reads).containsExactly(new Read(List.of(new Target("github-branch-protection", "repository",
                "acme-demo/payments-api")), new Trigger("github", delivery, "branch_protection_rule.edited", T)));
        assertThat(received("accepted")).isEqualTo(1);

        // the same delivery again (GitHub's redelivery keeps the id): nothing is read again
        HookEdge.Answer again = edge.receive("github", headers("branch_protection_rule", delivery,
                GitHubSignature.sign(SECRET, RULE_EDITED)), RULE_EDITED, T.plusSeconds(30));
        assertThat(again.status()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        assertThat(received("duplicate")).isEqualTo(1);
    }

    @Test
    void aBadOrMissingSignatureIs401CountedAndReadsNothing() {
        HookEdge edge = edge();
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-1",
                GitHubSignature.sign("not-the-secret", RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(401);
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-2", null), RULE_EDITED, T).status())
                .isEqualTo(401);
        // a signature of other bytes: the body was altered on the way
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-3", GitHubSignature.sign(SECRET,
                "{}".getBytes())), RULE_EDITED, T).status()).isEqualTo(401);
        assertThat(rejected("bad-signature")).isEqualTo(2);
        assertThat(rejected("missing-signature")).isEqualTo(1);
        assertThat(reads).isEmpty();
        // a rejected delivery is not remembered: signed properly, the same id is read
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-1",
                GitHubSignature.sign(SECRET, RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(202);
    }

    @Test
    void theSecretBeingReplacedStillVerifies() {
        assertThat(edge().receive("github", headers("branch_protection_rule", "d-1",
                GitHubSignature.sign("previous-secret", RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(202);
    }

    @Test
    void withoutASecretTheReceiverIsNotThereAndAcceptsNothing() {
        HookEdge edge = edge(List.of(" "), 10, 100);
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-1", GitHubSignature.sign(" ",
                RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(404);
        assertThat(rejected("disabled")).isEqualTo(1);
        assertThat(edge.receive("okta", Map.of(), new byte[0], T).status()).isEqualTo(404);
        assertThat(meters.counter("vigil.events.rejected", "provider", "unknown", "reason", "unknown-receiver")
                .count()).isEqualTo(1);
        assertThat(reads).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413AndDeliveriesOverTheRateAre429() {
        HookEdge edge = edge(List.of(SECRET), 1, 2);
        byte[] large = new byte[64 * 1024 + 1];
        assertThat(edge.receive("github", headers("repository", "d-0", GitHubSignature.sign(SECRET, large)), large, T)
                .status()).isEqualTo(413);
        assertThat(rejected("too-large")).isEqualTo(1);

        for (String id : List.of("d-1", "d-2")) {
            assertThat(edge.receive("github", headers("branch_protection_rule", id, GitHubSignature.sign(SECRET,
                    RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(202);
        }
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-3", GitHubSignature.sign(SECRET,
                RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(429);
        assertThat(rejected("rate-limited")).isEqualTo(1);
        nanos.addAndGet(1_000_000_000L); // a second later, one more
        assertThat(edge.receive("github", headers("branch_protection_rule", "d-3", GitHubSignature.sign(SECRET,
                RULE_EDITED)), RULE_EDITED, T).status()).isEqualTo(202);
    }

    @Test
    void pingAnswers200AndEventsNamingNothingAre204AndCounted() {
        HookEdge edge = edge();
        byte[] ping = Fixtures.bytes(GitHubEventTargetsTest.class, "ping.json");
        assertThat(edge.receive("github", headers("ping", "d-ping", GitHubSignature.sign(SECRET, ping)), ping, T)
                .status()).isEqualTo(200);
        byte[] star = Fixtures.bytes(GitHubEventTargetsTest.class, "star.created.json");
        assertThat(edge.receive("github", headers("star", "d-star", GitHubSignature.sign(SECRET, star)), star, T)
                .status()).isEqualTo(204);
        assertThat(received("ping")).isEqualTo(1);
        assertThat(received("ignored")).isEqualTo(1);
        assertThat(reads).isEmpty();
    }

    @Test
    void aSignedDeliveryThatIsNotJsonOrLacksItsHeadersIs400() {
        HookEdge edge = edge();
        byte[] form = "payload=%7B%7D".getBytes();
        Map<String, String> formHeaders = headers("repository", "d-1", GitHubSignature.sign(SECRET, form));
        formHeaders.put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(edge.receive("github", formHeaders, form, T).status()).isEqualTo(400);
        Map<String, String> noEvent = headers("repository", "d-2", GitHubSignature.sign(SECRET, RULE_EDITED));
        noEvent.remove("X-GitHub-Event");
        assertThat(edge.receive("github", noEvent, RULE_EDITED, T).status()).isEqualTo(400);
        assertThat(rejected("malformed")).isEqualTo(2);
        assertThat(reads).isEmpty();
    }

    @Test
    void thePathPrefixIsNormalised() {
        assertThat(HookEdge.basePath("/hooks")).isEqualTo("/hooks");
        assertThat(HookEdge.basePath("hooks/")).isEqualTo("/hooks");
        assertThat(HookEdge.basePath(" /edge/hooks// ")).isEqualTo("/edge/hooks");
    }
}
