package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.collector.http.Rs256Jwt;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin SDK Directory API with a service account acting for a Workspace administrator (domain-wide
 * delegation): a signed JWT assertion is exchanged for an access token (RFC 7523), then users are read page by
 * page through {@code nextPageToken}.
 */
final class DirectoryApi {
    static final String SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly";

    /** One page of users and the raw response they came from. */
    record Page(List<JsonNode> users, RawResponse raw, String nextPageToken) {
    }

    private final OkHttpClient client;
    private final HttpUrl directory;
    private final RawResponses raw;
    private String accessToken;

    DirectoryApi(OkHttpClient client, HttpUrl directory, RawResponses raw) {
        this.client = client;
        this.directory = directory;
        this.raw = raw;
    }

    void signIn(ServiceAccountKey key, String subject, HttpUrl tokenUrl, Instant now) throws IOException {
        accessToken = token(client, key, subject, SCOPE, tokenUrl, now);
    }

    /**
     * An access token for {@code subject} with {@code scope}, which the service account must have been delegated
     * (domain-wide delegation): else Google answers {@code unauthorized_client}.
     */
    static String token(OkHttpClient client, ServiceAccountKey key, String subject, String scope, HttpUrl tokenUrl,
                        Instant now) throws IOException {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", key.clientEmail());
        claims.put("sub", subject);
        claims.put("scope", scope);
        claims.put("aud", key.tokenUri());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3600);
        Request request = new Request.Builder().url(tokenUrl)
                .post(new FormBody.Builder()
                        .add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                        .add("assertion", Rs256Jwt.sign(claims, key.keyId(), key.privateKey()))
                        .build())
                .build();
        return JsonBodies.accessToken(client, request);
    }

    HttpUrl usersUrl(String customer, int maxResults, String pageToken) {
        HttpUrl.Builder b = directory.newBuilder().addPathSegments("admin/directory/v1/users")
                .addQueryParameter("customer", customer)
                .addQueryParameter("maxResults", Integer.toString(maxResults))
                .addQueryParameter("projection", "basic")
                .addQueryParameter("orderBy", "email");
        if (pageToken != null) {
            b.addQueryParameter("pageToken", pageToken);
        }
        return b.build();
    }

    /** {@code users.get}: a user by primary email or id ({@code userKey}), the projection a listing reads. */
    HttpUrl userUrl(String userKey) {
        return directory.newBuilder().addPathSegments("admin/directory/v1/users").addPathSegment(userKey)
                .addQueryParameter("projection", "basic").build();
    }

    JsonBodies.Fetched user(HttpUrl url) throws IOException {
        if (accessToken == null) {
            throw new IllegalStateException("signIn first");
        }
        return JsonBodies.getObject(client, url, accessToken, raw, "GET /admin/directory/v1/users/{userKey}");
    }

    Page users(HttpUrl url) throws IOException {
        if (accessToken == null) {
            throw new IllegalStateException("signIn first");
        }
        JsonBodies.Fetched page = JsonBodies.getObject(client, url, accessToken, raw, "GET /admin/directory/v1/users");
        List<JsonNode> users = new ArrayList<>();
        page.json().path("users").forEach(users::add);
        String next = page.json().hasNonNull("nextPageToken") ? page.json().get("nextPageToken").asText() : null;
        return new Page(users, page.raw(), next);
    }
}
