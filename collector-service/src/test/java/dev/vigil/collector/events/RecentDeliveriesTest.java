package dev.vigil.collector.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentDeliveriesTest {
    static final Instant T = Instant.parse("2026-12-02T14:00:00Z");

    @Test
    void aDeliveryIdIsNewOnceWithinTheMemoryAndPerProvider() {
        RecentDeliveries recent = new RecentDeliveries(Duration.ofHours(24), 100);
        assertThat(recent.firstTime("github", "d-1", T)).isTrue();
        assertThat(recent.firstTime("github", "d-1", T.plusSeconds(3600))).isFalse();
        assertThat(recent.firstTime("okta", "d-1", T)).isTrue();
        assertThat(recent.firstTime("github", "d-2", T)).isTrue();
    }

    @Test
    void anIdOlderThanTheMemoryIsForgotten() {
        RecentDeliveries recent = new RecentDeliveries(Duration.ofMinutes(10), 100);
        recent.firstTime("github", "d-1", T);
        recent.firstTime("github", "d-2", T.plusSeconds(300));
        assertThat(recent.firstTime("github", "d-1", T.plus(Duration.ofMinutes(10)).plusSeconds(1))).isTrue();
        assertThat(recent.firstTime("github", "d-2", T.plus(Duration.ofMinutes(10)).plusSeconds(2))).isFalse();
    }

    @Test
    void beyondItsSizeTheOldestIdIsForgottenFirst() {
        RecentDeliveries recent = new RecentDeliveries(Duration.ofHours(24), 2);
        recent.firstTime("github", "d-1", T);
        recent.firstTime("github", "d-2", T.plusSeconds(1));
        recent.firstTime("github", "d-3", T.plusSeconds(2));
        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.firstTime("github", "d-3", T.plusSeconds(3))).isFalse();
        assertThat(recent.firstTime("github", "d-1", T.plusSeconds(4))).isTrue();
        assertThatThrownBy(() -> new RecentDeliveries(Duration.ofHours(1), 0))
                .hasMessageContaining("at least 1");
    }
}
