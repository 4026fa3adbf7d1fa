package dev.vigil.collector.events.okta;

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
 * The Okta receiver behind the shared edge, with requests as Okta sends them: the one-time verification GET and
 * event deliveries, the secret in the hook's authentication header.
 */
class OktaReceiverTest {
    static final String OLD = "old-hook-secret";
    static final String NEW = "new-hook-secret";
    static final Instant T = Instant.parse("2026-12-02T14:20:11Z");
    static final byte[] FACTOR_DEACTIVATED = Fixtures.bytes(OktaEventTargetsTest.class,
            "user.mfa.factor.deactivate.json");
    static final String DELIVERY = "b5a188b9-5ece-4636-b041-482ffda96311";
    static final String CHALLENGE = "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg";

    record Read(List<Target> targets, Trigger trigger) {
    }

    final List<Read> reads = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    HookEdge edge(List<String> secrets, String header) {
        return new HookEdge(List.of(new OktaReceiver(secrets, header)), 64 * 1024, 10, 100,
                new RecentDeliveries(Duration.ofHours(24), 1000), (t, trigger) -> reads.add(new Read(t, trigger)),
                meters, System::nanoTime);
    }

    HookEdge edge() {
        return edge(List.of(OLD, NEW), "Authorization");
    }

    /** The headers Okta sends with a delivery (its event hooks page: "HTTP Headers"). */
    static Map<String, String> delivery(String header, String secret) {
        Map<String, String> h = new HashMap<>();
        h.put("Accept", "application/json");
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "Okta-Integrations");
        if (secret != null) {
            h.put(header, secret);
        }
        return h;
    }

    /** The one-time verification as Okta's support article shows it. */
    static Map<String, String> verification(String secret) {
        Map<String, String> h = new HashMap<>();
        h.put("User-Agent", "Okta-Integrations");
        h.put("Accept", "application/json");
        h.put("X-Okta-Request-Id", "XOZfPkReFFZ10KWyGkzAMwAAADA");
        h.put("X-Okta-Verification-Challenge", CHALLENGE);
        if (secret != null) {
            h.put("Authorization", secret);
        }
        return h;
    }

    double rejected(String reason) {
        return meters.counter("vigil.events.rejected", "provider", "okta", "reason", reason).count();
    }

    double received(String outcome) {
        return meters.counter("vigil.events.received", "provider", "okta", "outcome", outcome).count();
    }

    @Test
    void theVerificationEchoesTheChallengeOnlyWithTheSecret() {
        HookEdge edge = edge();
        HookEdge.Answer answer = edge.challenge("okta", verification(NEW), T);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.message()).isEqualTo("{\"verification\":\"" + CHALLENGE + "\"}");
        assertThat(received("challenge")).isEqualTo(1);

        assertThat(edge.challenge("okta", verification("guess"), T).status()).isEqualTo(401);
        assertThat(edge.challenge("okta", verification(null), T).status()).isEqualTo(401);
        assertThat(rejected("bad-authorization")).isEqualTo(1);
        assertThat(rejected("missing-authorization")).isEqualTo(1);
        // a GET with the secret but no challenge is not a verification
        Map<String, String> noChallenge = verification(NEW);
        noChallenge.remove("X-Okta-Verification-Challenge");
        assertThat(edge.challenge("okta", noChallenge, T).status()).isEqualTo(405);
        assertThat(reads).isEmpty();
    }

    @Test
    void aDeliveryWithEitherSecretIsAnswered200AndReadsTheUserNamingTheDelivery() {
        HookEdge edge = edge();
        HookEdge.Answer answer = edge.receive("okta", delivery("Authorization", OLD), FACTOR_DEACTIVATED, T);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(reads).containsExactly(new Read(List.of(new Target("okta-user-mfa", "user",
                "00ubob00000demo00002")), new Trigger("okta", DELIVERY, "user.mfa.factor.deactivate", T)));

        byte[] other = new String(FACTOR_DEACTIVATED, StandardCharsets.UTF_8).replace(DELIVERY,
                "0b0c7e7e-2a51-4f7b-9c60-2c3c2d1b8e10").getBytes(StandardCharsets.UTF_8);
        assertThat(edge.receive("okta", delivery("Authorization", NEW), other, T).status()).isEqualTo(200);
        assertThat(reads).hasSize(2);
        assertThat(received("accepted")).isEqualTo(2);
    }

    @Test
    void oktasRetryOfADeliveryReadsNothingAgain() {
        HookEdge edge = edge();
        edge.receive("okta", delivery("Authorization", NEW), FACTOR_DEACTIVATED, T);
        HookEdge.Answer retry = edge.receive("okta", delivery("Authorization", NEW), FACTOR_DEACTIVATED,
                T.plusSeconds(3));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(reads).hasSize(1);
        assertThat(received("duplicate")).isEqualTo(1);
    }

    @Test
    void aWrongOrMissingSecretIs401CountedAndReadsNothing() {
        HookEdge edge = edge();
        assertThat(edge.receive("okta", delivery("Authorization", "not-the-secret"), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(401);
        assertThat(edge.receive("okta", delivery("Authorization", null), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(401);
        // the secret in another header than the configured one is no secret
        assertThat(edge.receive("okta", delivery("X-Vigil-Hook", NEW), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(401);
        assertThat(rejected("bad-authorization")).isEqualTo(1);
        assertThat(rejected("missing-authorization")).isEqualTo(2);
        assertThat(reads).isEmpty();
        // refused unread: the same delivery id, authorised, is still read
        assertThat(edge.receive("okta", delivery("Authorization", NEW), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(200);
        assertThat(reads).hasSize(1);
    }

    @Test
    void theHeaderNameIsConfiguredAndMatchedWhateverItsCase() {
        HookEdge edge = edge(List.of(NEW), "X-Vigil-Hook-Secret");
        assertThat(edge.receive("okta", delivery("x-vigil-hook-secret", NEW), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(200);
        assertThat(edge.receive("okta", delivery("Authorization", NEW), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(401);
        assertThat(reads).hasSize(1);
    }

    @Test
    void withoutASecretTheReceiverIsOff() {
        HookEdge edge = edge(List.of(), "Authorization");
        assertThat(edge.receive("okta", delivery("Authorization", ""), FACTOR_DEACTIVATED, T).status())
                .isEqualTo(404);
        assertThat(edge.challenge("okta", verification(""), T).status()).isEqualTo(404);
        assertThat(rejected("disabled")).isEqualTo(2);
        assertThat(reads).isEmpty();
    }

    @Test
    void anIgnoredEventIs204AndWhatIsNotAnEventHookDeliveryIs400() {
        HookEdge edge = edge();
        byte[] signIn = Fixtures.bytes(OktaEventTargetsTest.class, "user.session.start.json");
        assertThat(edge.receive("okta", delivery("Authorization", NEW), signIn, T).status()).isEqualTo(204);
        assertThat(received("ignored")).isEqualTo(1);

        Map<String, String> form = delivery("Authorization", NEW);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(edge.receive("okta", form, FACTOR_DEACTIVATED, T).status()).isEqualTo(400);
        byte[] notAHook = "{\"eventId\":\"x\",\"data\":{\"events\":[]}}".getBytes(StandardCharsets.UTF_8);
        assertThat(edge.receive("okta", delivery("Authorization", NEW), notAHook, T).status()).isEqualTo(400);
        byte[] noId = "{\"eventType\":\"com.okta.event_hook\",\"data\":{\"events\":[]}}".getBytes(StandardCharsets.UTF_8);
        assertThat(edge.receive("okta", delivery("Authorization", NEW), noId, T).status()).isEqualTo(400);
        assertThat(edge.receive("okta", delivery("Authorization", NEW), "[".getBytes(StandardCharsets.UTF_8), T)
                .status()).isEqualTo(400);
        assertThat(rejected("malformed")).isEqualTo(4);
        assertThat(reads).isEmpty();
    }
}
