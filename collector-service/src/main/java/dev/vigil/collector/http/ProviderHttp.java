package dev.vigil.collector.http;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.RawResponses;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;

/** The shared OkHttp client (one connection pool); each run gets a view that captures its raw responses. */
@ApplicationScoped
public class ProviderHttp {
    private final OkHttpClient base;
    private final RetryPolicy retry;

    public ProviderHttp(VigilConfig config) {
        VigilConfig.Http http = config.collection().http();
        this.base = new OkHttpClient.Builder()
                .connectTimeout(http.connectTimeout())
                .readTimeout(http.readTimeout())
                .followRedirects(false) // a redirect would carry the credential elsewhere
                .build();
        VigilConfig.Retry r = config.collection().retry();
        this.retry = new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff());
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** Capture outermost, so it sees the final answer after retries; every network answer is counted. */
    public OkHttpClient forRun(RawResponses raw) {
        return forRun(raw, null);
    }

    /**
     * As {@link #forRun(RawResponses)}, with conditional requests against {@code cache} (null: none): unchanged
     * resources are answered 304 and read from the cache, which GitHub does not count against the rate limit.
     */
    public OkHttpClient forRun(RawResponses raw, ConditionalCache cache) {
        OkHttpClient.Builder b = base.newBuilder().addInterceptor(new CaptureInterceptor(raw));
        if (cache != null) {
            b.addInterceptor(new ConditionalInterceptor(cache));
        }
        return b.addInterceptor(new RetryInterceptor(retry))
                .addInterceptor(new CallCounter(raw.calls()))
                .build();
    }
}
