package dev.vigil.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How fast this host runs a fixed piece of single-threaded JVM work right now: SHA-256 over 64 MiB and 400,000 map
 * updates keyed by fresh strings, best of five after two warm-up rounds (the best, because anything else running
 * only ever slows a round down). The machines are shared and their speed moves under
 * a benchmark (on 2026-12-02 the same build settled the same organisation in 281 s in the morning and 726 s in the
 * afternoon, every process using about 2.2 times the CPU for the same work), so a wall time is compared with one of
 * another day only together with this figure, and a code change only with a run of the other code taken beside it.
 */
final class HostCalibration {
    private static final int MIB = 1 << 20;

    private HostCalibration() {
    }

    static Duration measure() {
        work();
        work();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            work();
            best = Math.min(best, System.nanoTime() - start);
        }
        return Duration.ofNanos(best);
    }

    private static long work() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] chunk = new byte[MIB];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31);
        }
        for (int i = 0; i < 64; i++) {
            sha.update(chunk);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400_000; i++) {
            counts.merge("resource-" + (i % 50_000), i, Integer::sum);
        }
        return sha.digest()[0] + counts.size(); // used, so the JIT keeps the work
    }
}
