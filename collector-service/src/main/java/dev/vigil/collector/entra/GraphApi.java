package dev.vigil.collector.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.common.evidence.EventCodec;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Graph v1.0 with an app-only token (OAuth 2.0 client credentials against the tenant's Entra ID
 * authority), read page by page through {@code @odata.nextLink}; and the few writes change notifications need
 * (its subscriptions), which are no run's and keep no raw response.
 */
public final class GraphApi {
    private static final MediaType JSON = MediaType.get("application/json");

    /** One page of a collection: its items and the raw response they came from. */
    record Page(List<JsonNode> items, RawResponse raw, HttpUrl next) {
    }

    private final OkHttpClient client;
    private final HttpUrl graph;
    private final RawResponses raw;
    private String accessToken;

    /** @param raw where a run keeps its answers; null outside a run (subscriptions), then only {@link #send} */
    public GraphApi(OkHttpClient client, HttpUrl graph, RawResponses raw) {
        this.client = client;
        this.graph = graph;
        this.raw = raw;
    }

    /** Asks the authority for an app-only Graph token; a refused client is a 401 naming the app registration. */
    public void signIn(HttpUrl authority, String tenantId, String clientId, String clientSecret) throws IOException {
        HttpUrl tokenUrl = authority.newBuilder().addPathSegment(tenantId).addPathSegments("oauth2/v2.0/token").build();
        Request request = new Request.Builder().url(tokenUrl)
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .add("client_id", clientId)
                        .add("client_secret", clientSecret)
                        .add("scope", graph.newBuilder().encodedPath("/.default").build().toString())
                        .build())
                .build();
        accessToken = JsonBodies.accessToken(client, request);
    }

    /**
     * {@code <graph>/v1.0/<path>}: the configured root may be a host's ({@code https://graph.microsoft.com}) or carry
     * a path (a stand-in's {@code /entra/graph}); OkHttp joins the segments without doubling a slash.
     */
    public HttpUrl url(String path, String... query) {
        HttpUrl.Builder b = graph.newBuilder().addPathSegments("v1.0").addPathSegments(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            b.addQueryParameter(query[i], query[i + 1]);
        }
        return b.build();
    }

    /** One page; its next link is followed only if it stays on the Graph host (the token must not go elsewhere). */
    Page page(HttpUrl url, String operation) throws IOException {
        if (accessToken == null) {
            throw new IllegalStateException("signIn first");
        }
        JsonBodies.Fetched page = JsonBodies.getObject(client, url, accessToken, raw, operation);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("value").forEach(items::add);
        return new Page(items, page.raw(), next(page.json()));
    }

    /** Every item of a collection, page after page; outside a run (nothing kept), as the audit log is read. */
    public List<JsonNode> all(HttpUrl url, String operation) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        for (HttpUrl next = url; next != null; ) {
            Page page = page(next, operation);
            items.addAll(page.items());
            next = page.next();
        }
        return items;
    }

    /** One object ({@code GET /users/{id}}) and the raw response it came from. */
    JsonBodies.Fetched object(HttpUrl url, String operation) throws IOException {
        if (accessToken == null) {
            throw new IllegalStateException("signIn first");
        }
        return JsonBodies.getObject(client, url, accessToken, raw, operation);
    }

    /**
     * Sends {@code body} (null: none) and returns the JSON answer (an empty object for 204). An error answer is a
     * {@link ProviderHttpException} naming the method, URL, status and Graph's {@code error.code: message}.
     */
    public JsonNode send(String method, HttpUrl url, JsonNode body) throws IOException {
        if (accessToken == null) {
            throw new IllegalStateException("signIn first");
        }
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .method(method, body == null ? null : RequestBody.create(body.toString(), JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response, text, JsonBodies.nestedError(text));
            }
            return text.isBlank() ? EventCodec.mapper().createObjectNode()
                    : JsonBodies.object(text, method + " " + url.encodedPath());
        }
    }

    private HttpUrl next(JsonNode root) throws IOException {
        JsonNode link = root.get("@odata.nextLink");
        if (link == null || link.isNull()) {
            return null;
        }
        HttpUrl next = HttpUrl.parse(link.asText());
        if (next == null || !next.scheme().equals(graph.scheme()) || !next.host().equals(graph.host())
                || next.port() != graph.port()) {
            throw new IOException("refusing to follow a next link outside Microsoft Graph: " + link.asText());
        }
        return next;
    }
}
