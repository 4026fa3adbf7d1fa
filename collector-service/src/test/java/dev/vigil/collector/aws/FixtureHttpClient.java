package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.testing.Fixtures;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the AWS SDK from recorded responses beside the test (no network). Routes:
 * <ul>
 *   <li>REST (S3): "path", or "path?encryption" (also ?publicAccessBlock, ?versioning, ?policy);</li>
 *   <li>query protocol (IAM, EC2, RDS: a form POST with Action=...): "Action@region", plus "#token" for a
 *   page asked with NextToken or Marker. The region is the one the request was signed for.</li>
 *   <li>JSON protocol (CloudTrail, KMS: a POST with X-Amz-Target: Service.Operation): "Operation@region", plus
 *   "#marker" for a page asked with Marker, NextToken or nextToken, plus "/name" for a call naming a KeyId, Name, Rule,
 *   GroupId, PrincipalId, PermissionSetArn or logGroupName.</li>
 * </ul>
 * A route answered several times gives its answers in order, then repeats the last one.
 */
public final class FixtureHttpClient implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> S3_SUBRESOURCES = List.of("encryption", "publicAccessBlock", "versioning",
            "policy");
    private static final Pattern SIGNED_REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/");

    private record Answer(int status, String fixture) {
    }

    private final Class<?> test;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    public final List<String> requested = new ArrayList<>();
    /** The host each request was sent to, in order. */
    public final List<String> hosts = new ArrayList<>();

    public FixtureHttpClient(Class<?> test) {
        this.test = test;
    }

    public FixtureHttpClient answer(String route, int status, String fixture) {
        answers.computeIfAbsent(route, r -> new ArrayDeque<>()).add(new Answer(status, fixture));
        return this;
    }

    /** Forgets the answers given so far to {@code route}, so a test can change one answer of a shared set. */
    public FixtureHttpClient without(String route) {
        answers.remove(route);
        return this;
    }

    /** Synchronized: collectors that read resources in parallel call it from several threads. */
    @Override
    public synchronized ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String route = route(request);
        requested.add(route);
        hosts.add(request.httpRequest().host());
        Deque<Answer> queue = answers.get(route);
        if (queue == null) {
            throw new IllegalStateException("no recorded answer for " + route);
        }
        Answer answer = queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] body = Fixtures.bytes(test, answer.fixture());
        String contentType = answer.fixture().endsWith(".json") ? "application/x-amz-json-1.1" : "text/xml";
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status())
                                .putHeader("Content-Type", contentType)
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

    private static String route(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        String region = http.firstMatchingHeader("Authorization").map(SIGNED_REGION::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).orElse("?");
        Optional<String> target = http.firstMatchingHeader("X-Amz-Target");
        if (target.isPresent()) {
            JsonNode json = json(request);
            String page = text(json, "Marker", "NextToken", "nextToken");
            String named = text(json, "KeyId", "Name", "Rule", "GroupId", "PrincipalId", "PermissionSetArn",
                    "logGroupName");
            return target.get().substring(target.get().lastIndexOf('.') + 1) + "@" + region
                    + (page == null ? "" : "#" + page) + (named == null ? "" : "/" + named);
        }
        Map<String, String> form = form(request);
        if (form.containsKey("Action")) {
            String page = form.getOrDefault("NextToken", form.get("Marker"));
            return form.get("Action") + "@" + region + (page == null ? "" : "#" + page);
        }
        String path = http.encodedPath().length() > 1 && http.encodedPath().endsWith("/")
                ? http.encodedPath().substring(0, http.encodedPath().length() - 1) : http.encodedPath();
        String route = path.isEmpty() ? "/" : path;
        for (String subresource : S3_SUBRESOURCES) {
            if (http.rawQueryParameters().containsKey(subresource)) {
                route += "?" + subresource;
            }
        }
        return route;
    }

    private static String text(JsonNode json, String... fields) {
        for (String field : fields) {
            if (json.hasNonNull(field)) {
                return json.get(field).asText();
            }
        }
        return null;
    }

    private static JsonNode json(HttpExecuteRequest request) {
        String body = body(request);
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(HttpExecuteRequest request) {
        if (request.contentStreamProvider().isEmpty()) {
            return "";
        }
        ContentStreamProvider provider = request.contentStreamProvider().get();
        try (InputStream in = provider.newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(HttpExecuteRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = body(request);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
