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

    /** Capture outermost, so it sees the final answer after retries. */
    public OkHttpClient forRun(RawResponses raw) {
        return base.newBuilder()
                .addInterceptor(new CaptureInterceptor(raw))
                .addInterceptor(new RetryInterceptor(retry))
                .build();
    }
}
