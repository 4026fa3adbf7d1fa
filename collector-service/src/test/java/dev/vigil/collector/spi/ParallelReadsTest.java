package dev.vigil.collector.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelReadsTest {
    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void everyItemIsReadOnceWithAtMostConcurrencyAtATime() {
        Set<Integer> read = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ParallelReads.forEach("test-reads", 4, HUNDRED, i -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleep(2);
            inFlight.decrementAndGet();
            assertThat(read.add(i)).isTrue();
        });
        assertThat(read).hasSize(100);
        assertThat(most.get()).isBetween(2, 4);
    }

    @Test
    void readsRunInParallelNotOneAfterTheOther() throws InterruptedException {
        // Four reads that each wait for all four to have started finish only if they run at the same time.
        CountDownLatch allStarted = new CountDownLatch(4);
        ParallelReads.forEach("test-reads", 4, List.of(1, 2, 3, 4), i -> {
            allStarted.countDown();
            try {
                assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(allStarted.getCount()).isZero();
    }

    @Test
    void oneAtATimeRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        ParallelReads.forEach("test-reads", 1, HUNDRED, i -> assertThat(Thread.currentThread()).isSameAs(caller));
    }

    @Test
    void anExceptionThatEscapesAReadReachesTheRunUnchanged() {
        IllegalArgumentException bug = new IllegalArgumentException("a bug in read 42");
        assertThatThrownBy(() -> ParallelReads.forEach("test-reads", 4, HUNDRED, i -> {
            if (i == 42) {
                throw bug;
            }
        })).isSameAs(bug);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
