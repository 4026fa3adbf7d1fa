package dev.vigil.collector.spi;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The provider calls of one run: how many went over the network and counted against the provider's rate limit,
 * how many were conditional requests answered {@code 304 Not Modified} (GitHub does not count those), and the
 * lowest remaining budget the provider reported ({@code X-RateLimit-*}, or Okta's {@code X-Rate-Limit-*}; for
 * GitHub only its REST budget, {@code X-RateLimit-Resource: core}).
 * Thread-safe: per-repository calls run in parallel.
 */
public final class ApiCalls {
    /** What a run spent; the rate-limit fields are null when the provider sent no such headers. */
    public record Summary(long counted, long revalidated, Long rateLimitLimit, Long rateLimitRemaining,
                          Instant rateLimitReset) {
    }

    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong revalidated = new AtomicLong();
    private Long limit;
    private Long remaining;
    private Instant reset;

    /** One answer received over the network (every attempt of a retried call counts). */
    public void record(int status, Function<String, String> header) {
        (status == 304 ? revalidated : counted).incrementAndGet();
        Long rem = number(header, "X-RateLimit-Remaining", "X-Rate-Limit-Remaining");
        String resource = header.apply("X-RateLimit-Resource");
        // GitHub's GraphQL (and search) budgets are separate from the REST one: mixing them would misreport it.
        if (rem == null || resource != null && !resource.equalsIgnoreCase("core")) {
            return;
        }
        Long lim = number(header, "X-RateLimit-Limit", "X-Rate-Limit-Limit");
        Long rst = number(header, "X-RateLimit-Reset", "X-Rate-Limit-Reset");
        synchronized (this) {
            // Answers arrive out of order from parallel calls: the lowest remaining is the latest in a window.
            Instant at = rst == null ? null : Instant.ofEpochSecond(rst);
            boolean newerWindow = at != null && (reset == null || at.isAfter(reset));
            boolean sameWindow = at == null ? reset == null : at.equals(reset);
            if (remaining == null || newerWindow || sameWindow && rem < remaining) {
                remaining = rem;
                limit = lim;
                reset = at;
            }
        }
    }

    public synchronized Summary summary() {
        return new Summary(counted.get(), revalidated.get(), limit, remaining, reset);
    }

    private static Long number(Function<String, String> header, String... names) {
        for (String name : names) {
            String v = header.apply(name);
            if (v != null && v.strip().matches("\\d{1,18}")) {
                return Long.parseLong(v.strip());
            }
        }
        return null;
    }
}
