package dev.vigil.collector.http;

import dev.vigil.collector.spi.RawResponses;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Keeps every response body (redacted, in the evidence store) under its URL path, without consuming it. */
public final class CaptureInterceptor implements Interceptor {
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
        raw.keep(key(response.request().url()), body, response.header("ETag"), response.code());
        return response;
    }
}
