package dev.vigil.collector.events;

import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest {
    static final Instant T = Instant.parse("2026-12-02T14:00:00Z");
    static final Target PAYMENTS = new Target("github-branch-protection", "repository", "acme-demo/payments-api");
    static final Target WEB = new Target("github-branch-protection", "repository", "acme-demo/web-frontend");

    static Trigger delivery(String id, int second) {
        return new Trigger("github", id, "branch_protection_rule.edited", T.plusSeconds(second));
    }

    @Test
    void aBurstForOneTargetIsOneReadNamingTheFirstDeliveryAndTheOthers() {
        Coalescer coalescer = new Coalescer();
        assertThat(coalescer.add(PAYMENTS, delivery("d-1", 0)).opened()).isTrue();
        assertThat(coalescer.add(PAYMENTS, delivery("d-2", 1)).opened()).isFalse();
        assertThat(coalescer.add(WEB, delivery("d-3", 1)).opened()).isTrue(); // another target: its own read
        assertThat(coalescer.add(PAYMENTS, delivery("d-4", 2)).opened()).isFalse();

        assertThat(coalescer.close(PAYMENTS).map(Coalescer.Read::trigger)).hasValue(new Trigger("github", "d-1", "branch_protection_rule.edited",
                T, List.of("d-2", "d-4")));
        assertThat(coalescer.close(WEB).map(Coalescer.Read::trigger)).hasValue(delivery("d-3", 1));
        assertThat(coalescer.close(PAYMENTS)).isEmpty();
        // after the read, the next delivery opens a new batch
        assertThat(coalescer.add(PAYMENTS, delivery("d-5", 9)).opened()).isTrue();
    }

    @Test
    void everyDeliveryOfABatchSharesTheOutcomeOfItsOneRead() {
        Coalescer coalescer = new Coalescer();
        Coalescer.Joined first = coalescer.add(PAYMENTS, delivery("d-1", 0));
        Coalescer.Joined second = coalescer.add(PAYMENTS, delivery("d-2", 1));
        assertThat(second.outcome()).isSameAs(first.outcome());
        coalescer.close(PAYMENTS).orElseThrow().outcome().complete(true);
        assertThat(first.outcome()).isCompletedWithValue(true);
        assertThat(coalescer.add(PAYMENTS, delivery("d-3", 2)).outcome()).isNotSameAs(first.outcome());
    }
}
