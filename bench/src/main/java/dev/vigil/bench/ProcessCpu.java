package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time a process used, from /proc on Linux: its own (every thread) plus its waited-for children's, and, for a
 * tree such as PostgreSQL's (one backend per connection), its live descendants' too. On a 2-core machine it says
 * which process the wall time went to. Elsewhere it falls back to the JVM's view of the process alone.
 */
final class ProcessCpu {
    /** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux this runs on; getconf says for sure. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** The process alone (a JVM: all its threads). */
    static Duration of(long pid) {
        return stat(pid).orElseGet(() -> ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .orElse(Duration.ZERO));
    }

    /** The process and its live descendants, e.g. the postmaster and its backends. */
    static Duration tree(long pid) {
        Duration total = of(pid);
        for (ProcessHandle d : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            total = total.plus(of(d.pid()));
        }
        return total;
    }

    /**
     * CPU time the whole machine spent busy since boot (/proc/stat: everything but idle and iowait), or empty off
     * Linux. Less the benchmark's own processes, it says whether anything else ran during a measurement.
     */
    static Optional<Duration> machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return Optional.of(Duration.ofMillis(busy * 1000 / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime + stime + cutime + cstime (fields 14 to 17 of /proc/<pid>/stat). */
    private static Optional<Duration> stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields from the last ')'
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return Optional.of(Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
