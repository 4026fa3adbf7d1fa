package dev.vigil.collector.events.entra;

import dev.vigil.collector.events.HookEdge;
import dev.vigil.collector.events.RecentDeliveries;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.Trigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Entra receiver behind the shared edge, with requests as Graph sends them: the validation request, change
 * notifications carrying the clientState, lifecycle notifications.
 */
class EntraReceiverTest {
    static final String OLD = "test-entra-client-state-old";
    static final String NEW = "test-entra-client-state";
    static final String SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    static final Instant T = Instant.parse("2026-12-02T14:20:11Z");
    static final String ERIK = "7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f";

    record Read(List<Target> targets, Trigger trigger) {
    }

    final List<Read> reads = new ArrayList<>();
    final List<String> lifecycle = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    final EntraReceiver.Lifecycle recorder = new EntraReceiver.Lifecycle() {
        @Override
        public void reauthorize(String id) {
            lifecycle.add("reauthorize " + id);
        }

        @Override
        public void removed(String id) {
            lifecycle.add("removed " + id);
        }

        @Override
        public void missed(String id) {
            lifecycle.add("missed " + id);
        }
    };

    HookEdge edge(List<String> secrets, List<String> held) {
        EntraReceiver receiver = new EntraReceiver(secrets, id -> held.isEmpty() || held.contains(id), recorder,
                EntraNotificationTargetsTest.TENANT);
        return new HookEdge(List.of(receiver), 64 * 1024, 10, 100, new RecentDeliveries(Duration.ofHours(24), 1000),
                (t, trigger) -> reads.add(new Read(t, trigger)), meters, System::nanoTime);
    }

    HookEdge edge() {
        return edge(List.of(OLD, NEW), List.of(SUBSCRIPTION));
    }

    static byte[] fixture(String name) {
        return Fixtures.bytes(EntraNotificationTargetsTest.class, name);
    }

    static byte[] withClientState(String fixture, String clientState) {
        return Fixtures.text(EntraNotificationTargetsTest.class, fixture).replace("\"test-entra-client-state\"",
                clientState == null ? "null" : "\"" + clientState + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** Graph's POST: JSON, no signature header. */
    static Map<String, String> headers() {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        h.put("User-Agent", "Microsoft-Notifications");
        return h;
    }

    double rejected(String reason) {
        return meters.counter("vigil.events.rejected", "provider", "entra", "reason", reason).count();
    }

    double received(String outcome) {
        return meters.counter("vigil.events.received", "provider", "entra", "outcome", outcome).count();
    }

    @Test
    void theValidationRequestIsAnsweredWithTheDecodedToken() {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + "b0d1e9a5-3f6c-4b8e-9a2d-7c1e5f3a9b20";
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "text/plain; charset=utf-8");
        HookEdge.Answer answer = edge().receive("entra", h, Map.of("validationToken", token), new byte[0], T);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.message()).isEqualTo(token);
        assertThat(received("validation")).isEqualTo(1);
        assertThat(reads).isEmpty();

        assertThat(edge().receive("entra", h, Map.of("validationToken", "x".repeat(2000)), new byte[0], T).status())
                .isEqualTo(400);
    }

    @Test
    void aNotificationWithEitherSecretReadsTheUserNamingTheDelivery() {
        HookEdge edge = edge();
        byte[] body = withClientState("user-updated.json", OLD);
        HookEdge.Answer answer = edge.receive("entra", headers(), body, T);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(reads).containsExactly(new Read(List.of(new Target("entra-id-users", "user", ERIK)),
                new Trigger("entra", EntraReceiver.deliveryId(body), "users.updated", T)));
        assertThat(EntraReceiver.deliveryId(body)).startsWith("sha256:").hasSize(7 + 64);

        assertThat(edge.receive("entra", headers(), fixture("several.json"), T).status()).isEqualTo(202);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1).targets()).hasSize(2);
    }

    @Test
    void graphsRetryOfTheSameDeliveryReadsNothingAgain() {
        HookEdge edge = edge();
        edge.receive("entra", headers(), fixture("user-updated.json"), T);
        HookEdge.Answer retry = edge.receive("entra", headers(), fixture("user-updated.json"), T.plusSeconds(60));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        assertThat(received("duplicate")).isEqualTo(1);
    }

    @Test
    void aWrongOrMissingClientStateOrAnotherSubscriptionIs401AndReadsNothing() {
        HookEdge edge = edge();
        assertThat(edge.receive("entra", headers(), withClientState("user-updated.json", "guess"), T).status())
                .isEqualTo(401);
        assertThat(edge.receive("entra", headers(), withClientState("user-updated.json", null), T).status())
                .isEqualTo(401);
        assertThat(edge.receive("entra", headers(), "not json".getBytes(StandardCharsets.UTF_8), T).status())
                .isEqualTo(401);
        // one forged notification among genuine ones refuses the delivery
        byte[] mixed = Fixtures.text(EntraNotificationTargetsTest.class, "several.json")
                .replaceFirst("\"test-entra-client-state\"", "\"guess\"").getBytes(StandardCharsets.UTF_8);
        assertThat(edge.receive("entra", headers(), mixed, T).status()).isEqualTo(401);
        HookEdge other = edge(List.of(NEW), List.of("00000000-0000-4000-8000-000000000000"));
        assertThat(other.receive("entra", headers(), fixture("user-updated.json"), T).status()).isEqualTo(401);
        assertThat(rejected("bad-client-state")).isEqualTo(2);
        assertThat(rejected("missing-client-state")).isEqualTo(2);
        assertThat(meters.counter("vigil.events.rejected", "provider", "entra", "reason", "unknown-subscription")
                .count()).isEqualTo(1);
        assertThat(reads).isEmpty();
    }

    @Test
    void whileNoSubscriptionIsKnownAnyVerifiedOneIsRead() {
        HookEdge edge = edge(List.of(NEW), List.of());
        assertThat(edge.receive("entra", headers(), fixture("user-updated.json"), T).status()).isEqualTo(202);
    }

    @Test
    void aDeletedUserIs204AndReadsNothing() {
        assertThat(edge().receive("entra", headers(), fixture("user-deleted.json"), T).status()).isEqualTo(204);
        assertThat(received("ignored")).isEqualTo(1);
        assertThat(reads).isEmpty();
    }

    @Test
    void lifecycleNotificationsRenewRecreateOrReadEverything() {
        HookEdge edge = edge();
        assertThat(edge.receive("entra", headers(), fixture("lifecycle-reauthorization-required.json"), T).status())
                .isEqualTo(204);
        edge.receive("entra", headers(), fixture("lifecycle-subscription-removed.json"), T);
        edge.receive("entra", headers(), fixture("lifecycle-missed.json"), T);
        assertThat(lifecycle).containsExactly("reauthorize " + SUBSCRIPTION, "removed " + SUBSCRIPTION,
                "missed " + SUBSCRIPTION);
        // a lifecycle notification with a wrong clientState does nothing
        edge.receive("entra", headers(), withClientState("lifecycle-missed.json", "guess"), T);
        assertThat(lifecycle).hasSize(3);
        assertThat(reads).isEmpty();
    }

    @Test
    void withoutASecretTheReceiverIsOff() {
        assertThat(edge(List.of(), List.of()).receive("entra", headers(), fixture("user-updated.json"), T).status())
                .isEqualTo(404);
    }
}
