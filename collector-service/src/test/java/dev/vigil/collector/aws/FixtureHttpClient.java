package dev.vigil.collector.aws;

import dev.vigil.collector.testing.Fixtures;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers the S3 SDK from recorded XML responses, keyed by "path" or "path?encryption" (no network). */
final class FixtureHttpClient implements SdkHttpClient {
    private record Answer(int status, String fixture) {
    }

    private final Class<?> test;
    private final Map<String, Answer> answers = new HashMap<>();
    final List<String> requested = new ArrayList<>();

    FixtureHttpClient(Class<?> test) {
        this.test = test;
    }

    FixtureHttpClient answer(String route, int status, String fixture) {
        answers.put(route, new Answer(status, fixture));
        return this;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        String path = http.encodedPath().length() > 1 && http.encodedPath().endsWith("/")
                ? http.encodedPath().substring(0, http.encodedPath().length() - 1) : http.encodedPath();
        String route = path.isEmpty() ? "/" : path;
        if (http.rawQueryParameters().containsKey("encryption")) {
            route += "?encryption";
        }
        requested.add(route);
        Answer answer = answers.get(route);
        if (answer == null) {
            throw new IllegalStateException("no recorded answer for " + route);
        }
        byte[] body = Fixtures.bytes(test, answer.fixture());
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status())
                                .putHeader("Content-Type", "application/xml")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    @Override
    public void close() {
        // nothing to release
    }
}
