package dev.vigil.collector.testing;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An OkHttp client that sends nothing: it records each request exactly as a client built it and answers from
 * {@code answers}. Proves which URL a client really requests, without a network or a server.
 */
public final class CannedHttp implements Interceptor {
    /** A canned answer: status, JSON body, headers. */
    public record Answer(int status, String body, Headers headers) {
        public static Answer ok(String body) {
            return new Answer(200, body, Headers.of());
        }

        public static Answer of(int status, String body) {
            return new Answer(status, body, Headers.of());
        }
    }

    private final Function<Request, Answer> answers;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public CannedHttp(Function<Request, Answer> answers) {
        this.answers = answers;
    }

    /** Every request answered the same way. */
    public static CannedHttp always(Answer answer) {
        return new CannedHttp(request -> answer);
    }

    public OkHttpClient client() {
        return new OkHttpClient.Builder().addInterceptor(this).build();
    }

    public List<Request> requests() {
        return requests;
    }

    /** The URLs requested, in order, as text. */
    public List<String> urls() {
        return requests.stream().map(Request::url).map(HttpUrl::toString).toList();
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        requests.add(request);
        Answer answer = answers.apply(request);
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
                .code(answer.status()).message("canned").headers(answer.headers())
                .body(ResponseBody.create(answer.body(), MediaType.get("application/json")))
                .build();
    }
}
