package dev.vigil.collector.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared renewal of push subscriptions, with ports that answer as told and a clock the test moves. */
class SubscriptionsTest {
    static final Instant T = Instant.parse("2026-12-02T00:00:00Z");

    /** A port granting {@code lifetime}, failing while {@code failing} is set. */
    static final class FakePort implements Subscriptions.Subscription {
        final List<Instant> calls = new ArrayList<>();
        int forgotten;
        boolean failing;
        boolean enabled = true;
        final Duration lifetime;

        FakePort(Duration lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public Instant keep(Instant now) throws Exception {
            calls.add(now);
            if (failing) {
                throw new java.io.IOException("POST https://graph.example/v1.0/subscriptions answered HTTP 503");
            }
            return now.plus(lifetime);
        }

        @Override
        public void forget() {
            forgotten++;
        }
    }

    Subscriptions subscriptions(FakePort port) {
        return new Subscriptions(List.of(port), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(30),
                () -> T);
    }

    @Test
    void aSubscriptionIsMadeAtOnceAndRenewedWhenTwoThirdsOfItsLifetimeAreOver() {
        FakePort port = new FakePort(Duration.ofHours(6));
        Subscriptions s = subscriptions(port);
        s.tick(T);
        assertThat(port.calls).containsExactly(T);
        assertThat(s.nextCheck("fake")).isEqualTo(T.plus(Duration.ofHours(4)));
        s.tick(T.plus(Duration.ofHours(3)));
        assertThat(port.calls).hasSize(1);
        s.tick(T.plus(Duration.ofHours(4)));
        assertThat(port.calls).hasSize(2);
    }

    @Test
    void onlyTheInstanceWhoseTurnItIsKeepsThemAndTheOneTakingOverRenewsAtOnce() {
        FakePort port = new FakePort(Duration.ofHours(6));
        boolean[] ourTurn = {false};
        Subscriptions s = new Subscriptions(List.of(port), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(30), () -> T, () -> ourTurn[0], () -> { });
        s.tick(T);
        assertThat(port.calls).isEmpty(); // another instance keeps them

        ourTurn[0] = true;
        s.tick(T.plus(Duration.ofMinutes(1)));
        assertThat(port.calls).containsExactly(T.plus(Duration.ofMinutes(1)));

        ourTurn[0] = false; // the turn went to another instance, and came back an hour later
        s.tick(T.plus(Duration.ofMinutes(2)));
        assertThat(port.forgotten).as("what it held is the new holder's").isOne();
        s.tick(T.plus(Duration.ofMinutes(3)));
        assertThat(port.forgotten).isOne();
        ourTurn[0] = true;
        s.tick(T.plus(Duration.ofHours(1)));
        // not at the renewal time this instance had planned (4 h): the other may have renewed since, or not at all
        assertThat(port.calls).hasSize(2).last().isEqualTo(T.plus(Duration.ofHours(1)));
    }

    @Test
    void failuresAreRetriedWithADoublingBackoffAndNeverThrown() {
        FakePort port = new FakePort(Duration.ofHours(6));
        port.failing = true;
        Subscriptions s = subscriptions(port);
        s.tick(T);
        assertThat(s.nextCheck("fake")).isEqualTo(T.plus(Duration.ofMinutes(1)));
        s.tick(T.plus(Duration.ofMinutes(1)));
        assertThat(s.nextCheck("fake")).isEqualTo(T.plus(Duration.ofMinutes(3)));
        assertThat(s.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(s.backoff(20)).isEqualTo(Duration.ofMinutes(30));
        port.failing = false;
        s.tick(T.plus(Duration.ofMinutes(3)));
        assertThat(port.calls).hasSize(3);
        assertThat(s.nextCheck("fake")).isEqualTo(T.plus(Duration.ofMinutes(3)).plus(Duration.ofHours(4)));
    }

    @Test
    void aRemovedSubscriptionIsForgottenAndMadeAgainAtTheNextTick() {
        FakePort port = new FakePort(Duration.ofHours(6));
        Subscriptions s = subscriptions(port);
        s.tick(T);
        s.recreate("fake");
        assertThat(port.forgotten).isEqualTo(1);
        s.tick(T.plusSeconds(5));
        assertThat(port.calls).hasSize(2);
        s.renewNow("fake");
        s.tick(T.plusSeconds(10));
        assertThat(port.calls).hasSize(3);
    }

    @Test
    void aDisabledPortIsNeverCalled() {
        FakePort port = new FakePort(Duration.ofHours(6));
        port.enabled = false;
        subscriptions(port).tick(T);
        assertThat(port.calls).isEmpty();
    }
}
