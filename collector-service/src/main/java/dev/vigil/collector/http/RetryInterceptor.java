package dev.vigil.collector.http;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;

/** Retries idempotent calls on 429, 5xx, rate-limit 403s and I/O errors, with {@link RetryPolicy} backoff. */
public final class RetryInterceptor implements Interceptor {
    private static final Logger LOG = Logger.getLogger(RetryInterceptor.class);
    private final RetryPolicy policy;

    public RetryInterceptor(RetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
        for (int attempt = 1; ; attempt++) {
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
            if (!idempotent || attempt >= policy.maxAttempts()
                    || !RateLimits.isRetryable(response.code(), response::header)) {
                return response;
            }
            Duration wait = policy.delay(attempt, RateLimits.hint(response::header, Instant.now()));
            response.close();
            pause(request, attempt, wait, "HTTP " + response.code());
        }
    }

    private static void pause(Request request, int attempt, Duration wait, String why) throws IOException {
        LOG.debugf("%s %s failed (%s), attempt %d; retrying in %s", request.method(), request.url().encodedPath(),
                why, attempt, wait);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off");
        }
    }
}
