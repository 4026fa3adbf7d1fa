package dev.vigil.collector.http;

import dev.vigil.collector.spi.RawResponses;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * Keeps every response body (redacted, in the evidence store) under its URL path, without consuming it; a request
 * tagged with a {@link Key} is kept under that key instead (POSTs to one URL, such as GraphQL queries, would
 * otherwise overwrite each other).
 */
public final class CaptureInterceptor implements Interceptor {
    /** An explicit raw-response key, as an OkHttp request tag: never sent to the provider. */
    public record Key(String value) {
    }

    private static final long MAX_BODY = 32L * 1024 * 1024;
    private final RawResponses raw;

    public CaptureInterceptor(RawResponses raw) {
        this.raw = raw;
    }

    /** The key a response is kept under: its path, and its query when it has one. */
    public static String key(okhttp3.HttpUrl url) {
        return url.encodedQuery() == null ? url.encodedPath() : url.encodedPath() + "?" + url.encodedQuery();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        byte[] body = response.peekBody(MAX_BODY).bytes();
        Key tagged = response.request().tag(Key.class);
        raw.keep(tagged != null ? tagged.value() : key(response.request().url()), body, response.header("ETag"), response.code());
        return response;
    }
}
