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
    void theFirstDeliveryIsReadAtOnceAndTheBurstDuringItsReadIsOneMoreRead() {
        Coalescer coalescer = new Coalescer();
        assertThat(coalescer.add(PAYMENTS, delivery("d-1", 0)).opened()).isTrue();
        assertThat(coalescer.start(PAYMENTS).map(Coalescer.Read::trigger)).hasValue(delivery("d-1", 0));
        // while d-1's read runs, the burst waits for one more read
        assertThat(coalescer.add(PAYMENTS, delivery("d-2", 1)).opened()).isFalse();
        assertThat(coalescer.add(WEB, delivery("d-3", 1)).opened()).isTrue(); // another target: its own read
        assertThat(coalescer.add(PAYMENTS, delivery("d-4", 2)).opened()).isFalse();

        assertThat(coalescer.ended(PAYMENTS)).isTrue();
        assertThat(coalescer.add(PAYMENTS, delivery("d-5", 3)).opened()).isFalse(); // joins the waiting batch
        assertThat(coalescer.start(PAYMENTS).map(Coalescer.Read::trigger)).hasValue(new Trigger("github", "d-2",
                "branch_protection_rule.edited", T.plusSeconds(1), List.of("d-4", "d-5")));
        assertThat(coalescer.start(WEB).map(Coalescer.Read::trigger)).hasValue(delivery("d-3", 1));
        assertThat(coalescer.ended(PAYMENTS)).isFalse();
        assertThat(coalescer.start(PAYMENTS)).isEmpty();
        // once nothing runs or waits, the next delivery is read at once again
        assertThat(coalescer.add(PAYMENTS, delivery("d-6", 9)).opened()).isTrue();
    }

    @Test
    void everyDeliveryOfABatchSharesTheOutcomeOfItsOneRead() {
        Coalescer coalescer = new Coalescer();
        Coalescer.Joined first = coalescer.add(PAYMENTS, delivery("d-1", 0));
        coalescer.start(PAYMENTS).orElseThrow().outcome().complete(true);
        assertThat(first.outcome()).isCompletedWithValue(true);
        Coalescer.Joined second = coalescer.add(PAYMENTS, delivery("d-2", 1));
        Coalescer.Joined third = coalescer.add(PAYMENTS, delivery("d-3", 1));
        assertThat(second.outcome()).isNotSameAs(first.outcome()).isSameAs(third.outcome());
        assertThat(coalescer.ended(PAYMENTS)).isTrue();
        coalescer.start(PAYMENTS).orElseThrow().outcome().complete(false);
        assertThat(third.outcome()).isCompletedWithValue(false);
    }
}
