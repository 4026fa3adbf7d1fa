package dev.vigil.collector.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Graph v1.0 with an app-only token (OAuth 2.0 client credentials against the tenant's Entra ID
 * authority), read page by page through {@code @odata.nextLink}.
 */
final class GraphApi {
    /** One page of a collection: its items and the raw response they came from. */
    record Page(List<JsonNode> items, RawResponse raw, HttpUrl next) {
    }

    private final OkHttpClient client;
    private final HttpUrl graph;
    private final RawResponses raw;
    private String accessToken;

    GraphApi(OkHttpClient client, HttpUrl graph, RawResponses raw) {
        this.client = client;
        this.graph = graph;
        this.raw = raw;
    }

    /** Asks the authority for an app-only Graph token; a refused client is a 401 naming the app registration. */
    void signIn(HttpUrl authority, String tenantId, String clientId, String clientSecret) throws IOException {
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

    HttpUrl url(String path, String... query) {
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
