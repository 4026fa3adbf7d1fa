package dev.vigil.collector.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads many resources of one run a few at a time: against a real provider each read waits tens of milliseconds on
 * the network, so one at a time makes a large account a matter of hours. A small fixed pool per run keeps the
 * provider's concurrency limits in view (GitHub asks integrators to keep concurrent requests low).
 *
 * <p>Each read reports its own failures into the run ({@link CollectionContext#failure}); an exception that escapes
 * one (a bug, not a provider's answer) stops the others and is thrown to the run, which then cannot end COMPLETED.
 */
public final class ParallelReads {
    private ParallelReads() {
    }

    /** Runs {@code read} once per item, at most {@code concurrency} at a time, and returns when all are done. */
    public static <T> void forEach(String threadName, int concurrency, List<T> items, Consumer<T> read) {
        if (concurrency <= 1 || items.size() <= 1) {
            items.forEach(read);
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>(items.size());
            for (T item : items) {
                tasks.add(pool.submit(() -> read.accept(item)));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(threadName + ": a read stopped: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(threadName + ": interrupted while reading", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
