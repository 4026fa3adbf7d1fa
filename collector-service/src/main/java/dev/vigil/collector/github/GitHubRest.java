package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.CaptureInterceptor;
import dev.vigil.collector.http.LinkHeader;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.common.evidence.EventCodec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's REST API as JSON, over the run's HTTP client (capture, conditional requests, retries, call counting).
 * github-api models the objects we bind (repository, branch, protection), but not every field we need
 * (organisation settings, {@code security_and_analysis}, effective branch rules, the organisation's SAML
 * identities), and its client would spend one extra call per repository to fetch them; so the calls are made here.
 */
final class GitHubRest {
    static final String ACCEPT = "application/vnd.github+json";
    static final String API_VERSION = "2022-11-28";

    /** Supplies the {@code Authorization} header (a token, or an app's installation token). */
    interface Authorization {
        String header(OkHttpClient http) throws IOException;
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final HttpUrl graphql;
    private final Authorization auth;

    GitHubRest(OkHttpClient http, String endpoint, Authorization auth) {
        this(http, endpoint, graphqlEndpoint(endpoint), auth);
    }

    GitHubRest(OkHttpClient http, String endpoint, String graphqlEndpoint, Authorization auth) {
        this.http = http;
        this.base = HttpUrl.get(endpoint);
        this.graphql = HttpUrl.get(graphqlEndpoint);
        this.auth = auth;
    }

    /**
     * GitHub's GraphQL endpoint for a REST root: {@code https://api.github.com/graphql} for github.com, {@code
     * https://HOST/api/graphql} for GitHub Enterprise Server ({@code https://HOST/api/v3}), and
     * {@code <root>/graphql} for anything else (the sandbox mirrors github.com's layout under its path).
     */
    static String graphqlEndpoint(String restEndpoint) {
        HttpUrl rest = HttpUrl.get(restEndpoint);
        List<String> segments = new ArrayList<>(rest.encodedPathSegments());
        segments.removeIf(String::isEmpty); // "https://host" and "https://host/" have one empty segment
        int n = segments.size();
        if (n >= 2 && segments.get(n - 2).equals("api") && segments.get(n - 1).equals("v3")) {
            segments.remove(n - 1);
        }
        segments.add("graphql");
        HttpUrl.Builder graphql = rest.newBuilder().encodedPath("/");
        segments.forEach(graphql::addEncodedPathSegment);
        return graphql.build().toString();
    }

    /**
     * {@code path} (as GitHub's docs write it: {@code /orgs/acme/members?role=admin}) resolved under {@code endpoint},
     * whatever the endpoint's own path: {@code https://api.github.com}, {@code https://api.github.com/},
     * {@code https://ghe.example.com/api/v3} or a sandbox prefix. Joining strings would double or drop a slash
     * ({@code https://api.github.com//orgs/...}, which GitHub answers 404). Segments and query values are given
     * plain and encoded here (a branch {@code a#b} is asked as {@code a%23b}).
     */
    static HttpUrl resolve(HttpUrl endpoint, String path) {
        int q = path.indexOf('?');
        String pathPart = q < 0 ? path : path.substring(0, q);
        HttpUrl.Builder url = endpoint.newBuilder()
                // a leading "/" would add an empty segment after a non-empty prefix ("/api/v3//orgs")
                .addPathSegments(pathPart.startsWith("/") ? pathPart.substring(1) : pathPart);
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                url.addQueryParameter(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
            }
        }
        return url.build();
    }

    /** One JSON document; a non-2xx answer is a {@link ProviderHttpException}. */
    JsonNode get(String path) throws IOException {
        return send(url(path)).json;
    }

    /**
     * One GraphQL query ({@code POST}; GraphQL answers cannot be revalidated). Its answer is kept in the run's raw
     * responses under {@code rawKey}. A non-2xx answer is a {@link ProviderHttpException}; GraphQL's own
     * {@code errors} come back in the document, for the caller to judge.
     */
    JsonNode graphql(String query, Map<String, Object> variables, String rawKey) throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("query", query);
        payload.put("variables", variables);
        Request request = new Request.Builder().url(graphql)
                .header("Authorization", auth.header(http))
                .header("Accept", "application/json")
                .tag(CaptureInterceptor.Key.class, new CaptureInterceptor.Key(rawKey))
                .post(RequestBody.create(EventCodec.mapper().writeValueAsBytes(payload), JSON))
                .build();
        try (Response r = http.newCall(request).execute()) {
            byte[] body = r.body() == null ? new byte[0] : r.body().bytes();
            if (!r.isSuccessful()) {
                throw error(r, body);
            }
            return EventCodec.mapper().readTree(body);
        }
    }

    /**
     * The variables of an organisation's paged GraphQL query ({@code $org}, {@code $first}, {@code $after}): the
     * shape every query of this collector takes.
     */
    static Map<String, Object> orgPageVariables(String org, int first, String after) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("org", org);
        v.put("first", first);
        v.put("after", after);
        return v;
    }

    /** One JSON document, or empty when GitHub answers 404 for it. */
    Optional<JsonNode> find(String path) throws IOException {
        Answer a = send(url(path), 404);
        return a.status == 404 ? Optional.empty() : Optional.of(a.json);
    }

    /** GitHub's "is it on" endpoints: 204 yes, 404 no. */
    boolean enabled(String path) throws IOException {
        return send(url(path), 404).status != 404;
    }

    /** Every item of a list, following {@code Link: <...>; rel="next"} on the same host. */
    List<JsonNode> list(String path, int pageSize) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        for (Page page : pages(path, pageSize)) {
            items.addAll(page.items());
        }
        return items;
    }

    /** One page of a list: its items and the raw-response key it was kept under (to cite the page an item is on). */
    record Page(List<JsonNode> items, String rawKey) {
    }

    /** Every page of a list, as {@link #list} reads it. */
    List<Page> pages(String path, int pageSize) throws IOException {
        List<Page> pages = new ArrayList<>();
        HttpUrl next = firstPage(path, pageSize);
        while (next != null) {
            Answer page = send(next);
            if (page.json == null || !page.json.isArray()) {
                throw new IOException("GET " + next + " answered no list");
            }
            List<JsonNode> items = new ArrayList<>();
            page.json.forEach(items::add);
            pages.add(new Page(items, CaptureInterceptor.key(next)));
            next = page.next;
        }
        return pages;
    }

    private HttpUrl url(String path) {
        return resolve(base, path);
    }

    private HttpUrl firstPage(String path, int pageSize) {
        return url(path).newBuilder().setQueryParameter("per_page", Integer.toString(pageSize)).build();
    }

    /** The key the run's raw responses keep an answer under ({@link CaptureInterceptor#key}). */
    String rawKey(String path) {
        return CaptureInterceptor.key(url(path));
    }

    /** The raw-response key of a list's first page. */
    String rawKey(String path, int pageSize) {
        return CaptureInterceptor.key(firstPage(path, pageSize));
    }

    private record Answer(int status, JsonNode json, HttpUrl next) {
    }

    private Answer send(HttpUrl url, int... tolerated) throws IOException {
        Request request = new Request.Builder().url(url)
                .header("Authorization", auth.header(http))
                .header("Accept", ACCEPT)
                .header("X-GitHub-Api-Version", API_VERSION)
                .build();
        try (Response r = http.newCall(request).execute()) {
            byte[] body = r.body() == null ? new byte[0] : r.body().bytes();
            for (int status : tolerated) {
                if (r.code() == status) {
                    return new Answer(status, null, null);
                }
            }
            if (!r.isSuccessful()) {
                throw error(r, body);
            }
            JsonNode json = body.length == 0 ? null : EventCodec.mapper().readTree(body);
            return new Answer(r.code(), json, next(r, url));
        }
    }

    /** The next page, only on the API's own host (a Link elsewhere would carry the credential away). */
    private static HttpUrl next(Response r, HttpUrl current) {
        HttpUrl next = LinkHeader.next(r.headers("Link")).map(HttpUrl::parse).orElse(null);
        return next != null && next.host().equals(current.host()) && next.port() == current.port() ? next : null;
    }

    /** A GitHub error answer: its {@code message} ({@code {"message":"Not Found","documentation_url":...}}). */
    static ProviderHttpException error(Response r, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String message = text; // not GitHub's JSON (a proxy's page): its text says what there is to say
        try {
            JsonNode json = EventCodec.mapper().readTree(body);
            if (json != null && json.hasNonNull("message")) {
                message = json.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: keep the text
        }
        return new ProviderHttpException(r, text, message);
    }
}
