package dev.vigil.collector.events.google;

import dev.vigil.collector.events.HookEdge;
import dev.vigil.collector.events.RecentDeliveries;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google receiver behind the shared edge, with notifications as the Reports API pushes them (its push guide's
 * {@code X-Goog-*} headers): the channel's sync message, then activities.
 */
class GoogleReceiverTest {
    static final String OLD = "old-channel-token";
    static final String NEW = "new-channel-token";
    static final String CHANNEL = "vigil-3b1f0c8e-9d7a-4e2b-8c5f-6a1d2e3f4b5c";
    static final Instant T = Instant.parse("2026-12-02T14:20:11Z");
    static final byte[] SUSPEND = Fixtures.bytes(AdminEventTargetsTest.class, "SUSPEND_USER.json");

    record Read(List<Target> targets, Trigger trigger) {
    }

    final List<Read> reads = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    HookEdge edge(List<String> secrets) {
        return new HookEdge(List.of(new GoogleReceiver(secrets, CHANNEL::equals)), 64 * 1024, 10, 100,
                new RecentDeliveries(Duration.ofHours(24), 1000), (t, trigger) -> reads.add(new Read(t, trigger)),
                meters, System::nanoTime);
    }

    HookEdge edge() {
        return edge(List.of(OLD, NEW));
    }

    static Map<String, String> notification(String channel, String token, String state, long number) {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json; charset=UTF-8");
        h.put("X-Goog-Channel-ID", channel);
        h.put("X-Goog-Channel-Expiration", "Wed, 02 Dec 2026 20:20:11 GMT");
        h.put("X-Goog-Resource-ID", "sAnDb0xReS0urCe1d-adm1n");
        h.put("X-Goog-Resource-URI",
                "https://admin.googleapis.com/admin/reports/v1/activity/users/all/applications/admin?alt=json");
        h.put("X-Goog-Resource-State", state);
        h.put("X-Goog-Message-Number", Long.toString(number));
        if (token != null) {
            h.put("X-Goog-Channel-Token", token);
        }
        return h;
    }

    double rejected(String reason) {
        return meters.counter("vigil.events.rejected", "provider", "google", "reason", reason).count();
    }

    @Test
    void theSyncMessageIsAnsweredAndReadsNothing() {
        HookEdge.Answer answer = edge().receive("google", notification(CHANNEL, NEW, "sync", 1), new byte[0], T);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(reads).isEmpty();
    }

    @Test
    void anActivityWithEitherTokenReadsTheUserNamingTheDelivery() {
        HookEdge edge = edge();
        assertThat(edge.receive("google", notification(CHANNEL, OLD, "SUSPEND_USER", 2), SUSPEND, T).status())
                .isEqualTo(202);
        assertThat(reads).containsExactly(new Read(List.of(new Target("google-workspace-users", "user",
                "ivan.petrov@acme-demo.com")), new Trigger("google", CHANNEL + ":2", "admin.SUSPEND_USER", T)));
        assertThat(edge.receive("google", notification(CHANNEL, NEW, "SUSPEND_USER", 3), SUSPEND, T).status())
                .isEqualTo(202);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aRepeatedMessageNumberReadsNothingAgain() {
        HookEdge edge = edge();
        edge.receive("google", notification(CHANNEL, NEW, "SUSPEND_USER", 2), SUSPEND, T);
        assertThat(edge.receive("google", notification(CHANNEL, NEW, "SUSPEND_USER", 2), SUSPEND, T).status())
                .isEqualTo(200);
        assertThat(reads).hasSize(1);
    }

    @Test
    void aWrongOrMissingTokenOrAnUnknownChannelIs401AndReadsNothing() {
        HookEdge edge = edge();
        assertThat(edge.receive("google", notification(CHANNEL, "guess", "SUSPEND_USER", 2), SUSPEND, T).status())
                .isEqualTo(401);
        assertThat(edge.receive("google", notification(CHANNEL, null, "SUSPEND_USER", 2), SUSPEND, T).status())
                .isEqualTo(401);
        assertThat(edge.receive("google", notification("someone-elses", NEW, "SUSPEND_USER", 2), SUSPEND, T)
                .status()).isEqualTo(401);
        assertThat(rejected("bad-token")).isEqualTo(1);
        assertThat(rejected("missing-token")).isEqualTo(1);
        assertThat(rejected("unknown-channel")).isEqualTo(1);
        assertThat(reads).isEmpty();
    }

    @Test
    void aDeletedUserIs204AndNoMessageNumberIs400() {
        HookEdge edge = edge();
        byte[] deleted = Fixtures.bytes(AdminEventTargetsTest.class, "DELETE_USER.json");
        assertThat(edge.receive("google", notification(CHANNEL, NEW, "DELETE_USER", 4), deleted, T).status())
                .isEqualTo(204);
        Map<String, String> noNumber = notification(CHANNEL, NEW, "SUSPEND_USER", 5);
        noNumber.remove("X-Goog-Message-Number");
        assertThat(edge.receive("google", noNumber, SUSPEND, T).status()).isEqualTo(400);
        assertThat(reads).isEmpty();
    }

    @Test
    void withoutASecretTheReceiverIsOff() {
        assertThat(edge(List.of()).receive("google", notification(CHANNEL, "", "sync", 1), new byte[0], T).status())
                .isEqualTo(404);
    }
}
