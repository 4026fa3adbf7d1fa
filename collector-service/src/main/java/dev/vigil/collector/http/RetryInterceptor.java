package dev.vigil.collector.http;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retries idempotent calls on 429, 5xx, rate-limit 403s (primary and GitHub's secondary limit) and I/O errors,
 * with {@link RetryPolicy} backoff, honouring {@code Retry-After} and the rate-limit reset up to the policy's cap.
 *
 * <p>One instance serves all the parallel calls of a run: when one call is told to slow down, the others hold
 * back until the same moment instead of spending more budget (and provoking a secondary limit). When the primary
 * budget is spent and resets later than the cap, the answer is returned at once: waiting the cap cannot help,
 * and the run reports the call as rate limited rather than stalling.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Logger LOG = Logger.getLogger(RetryInterceptor.class);
    private static final long PEEK = 8192;
    private final RetryPolicy policy;
    private final AtomicLong resumeAtMillis = new AtomicLong();

    public RetryInterceptor(RetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
        for (int attempt = 1; ; attempt++) {
            awaitResume(request);
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (!idempotent || attempt >= policy.maxAttempts() || e instanceof InterruptedIOException
                        && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                pause(request, attempt, policy.delay(attempt, null), e.toString());
                continue;
            }
            int code = response.code();
            String body = code == 403 || code == 429 ? response.peekBody(PEEK).string() : null;
            boolean limited = RateLimits.isRateLimited(code, response::header, body);
            Duration hint = RateLimits.hint(response::header, Instant.now());
            if (hint == null && RateLimits.isSecondaryRateLimit(code, body)) {
                hint = RateLimits.SECONDARY_LIMIT_WAIT;
            }
            if (code < 300 && RateLimits.isExhausted(response::header) && hint != null) {
                holdUntil(policy.delay(1, hint)); // the budget is spent: the next calls wait for the reset
            }
            if (!idempotent || attempt >= policy.maxAttempts() || !(limited || RateLimits.isRetryable(code, response::header))) {
                return response;
            }
            if (limited && RateLimits.isExhausted(response::header) && hint != null
                    && hint.compareTo(policy.maxBackoff()) > 0) {
                LOG.infof("%s %s: rate limit spent until %s, later than the %s bound; not waiting",
                        request.method(), request.url().encodedPath(), Instant.now().plus(hint), policy.maxBackoff());
                return response;
            }
            Duration wait = policy.delay(attempt, hint);
            if (limited) {
                holdUntil(wait);
            }
            response.close();
            pause(request, attempt, wait, "HTTP " + code + (limited ? " (rate limited)" : ""));
        }
    }

    private void holdUntil(Duration wait) {
        long until = System.currentTimeMillis() + wait.toMillis();
        resumeAtMillis.accumulateAndGet(until, Math::max);
    }

    /** Waits while another call of this run was told to slow down (never longer than the policy's cap). */
    private void awaitResume(Request request) throws IOException {
        long wait = Math.min(resumeAtMillis.get() - System.currentTimeMillis(), policy.maxBackoff().toMillis());
        if (wait > 0) {
            pause(request, 0, Duration.ofMillis(wait), "rate limited");
        }
    }

    private static void pause(Request request, int attempt, Duration wait, String why) throws IOException {
        LOG.debugf("%s %s: %s, attempt %d; waiting %s", request.method(), request.url().encodedPath(),
                why, attempt, wait);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off");
        }
    }
}
