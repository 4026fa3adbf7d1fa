package dev.vigil.collector.http;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.Optional;

/**
 * Conditional GETs: asks {@code If-None-Match} with the ETag of the cached answer and, on {@code 304 Not
 * Modified}, hands the cached answer on as the {@code 200} (or {@code 204}) it stands for (with the 304's own rate-limit headers).
 * Fresh 200 and 204 answers with an ETag are cached; a 404 cannot be revalidated (it has no ETag) and
 * is asked again in full. Sits outside the retries, so a retried call is one lookup.
 */
final class ConditionalInterceptor implements Interceptor {
    static final long MAX_BODY = 32L * 1024 * 1024;
    private final ConditionalCache cache;

    ConditionalInterceptor(ConditionalCache cache) {
        this.cache = cache;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!request.method().equals("GET") || request.header("If-None-Match") != null) {
            return chain.proceed(request);
        }
        String url = request.url().toString();
        Optional<ConditionalCache.Entry> cached = cache.get(url);
        Request sent = cached.map(e -> request.newBuilder().header("If-None-Match", e.etag()).build()).orElse(request);
        Response response = chain.proceed(sent);
        if (response.code() == 304 && cached.isPresent()) {
            ConditionalCache.Entry e = cached.get();
            response.close();
            Response.Builder ok = response.newBuilder()
                    .request(request)
                    .code(e.status())
                    .message("OK (not modified)")
                    .removeHeader("Content-Length")
                    .removeHeader("Content-Encoding")
                    .header("ETag", e.etag())
                    .body(ResponseBody.create(e.body(), e.contentType() == null ? null : MediaType.parse(e.contentType())));
            if (e.contentType() != null) {
                ok.header("Content-Type", e.contentType());
            }
            if (e.link() != null) {
                ok.header("Link", e.link());
            } else {
                ok.removeHeader("Link");
            }
            return ok.build();
        }
        String etag = response.header("ETag");
        if ((response.code() == 200 || response.code() == 204) && etag != null) {
            byte[] body = response.peekBody(MAX_BODY + 1).bytes();
            if (body.length > MAX_BODY) {
                return response; // too large to keep: asked again in full next time
            }
            cache.put(url, new ConditionalCache.Entry(response.code(), etag, response.header("Content-Type"),
                    String.join(", ", response.headers("Link")).transform(l -> l.isEmpty() ? null : l), body));
        }
        return response;
    }
}
