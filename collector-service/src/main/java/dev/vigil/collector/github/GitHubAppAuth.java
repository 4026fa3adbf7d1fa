package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * GitHub App authentication: a JWT signed with the app's key buys an installation token
 * ({@code POST /app/installations/{id}/access_tokens}), valid one hour; it is kept and bought again five
 * minutes before it expires. The token is never logged; its response is stored redacted like every other.
 */
final class GitHubAppAuth {
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final HttpUrl endpoint;
    private final String appId;
    private final PrivateKey key;
    private final String organization;
    private final Clock clock;
    private Long installationId;
    private String token;
    private Instant expiresAt = Instant.MIN;

    GitHubAppAuth(String endpoint, String appId, PrivateKey key, Long installationId, String organization, Clock clock) {
        this.endpoint = HttpUrl.get(endpoint);
        this.appId = appId;
        this.key = key;
        this.installationId = installationId;
        this.organization = organization;
        this.clock = clock;
    }

    String appId() {
        return appId;
    }

    /** The {@code Authorization} header value for API calls, buying a fresh installation token when needed. */
    synchronized String authorization(OkHttpClient http) throws IOException {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(expiresAt.minus(REFRESH_BEFORE_EXPIRY))) {
            String jwt = "Bearer " + GitHubAppJwt.create(appId, key, now);
            if (installationId == null) {
                installationId = call(http, new Request.Builder()
                        .url(GitHubRest.resolve(endpoint, "/orgs/" + organization + "/installation"))
                        .header("Authorization", jwt)).path("id").asLong();
            }
            JsonNode answer = call(http, new Request.Builder()
                    .url(GitHubRest.resolve(endpoint, "/app/installations/" + installationId + "/access_tokens"))
                    .post(RequestBody.create(new byte[0]))
                    .header("Authorization", jwt));
            if (!answer.path("token").isTextual() || !answer.path("expires_at").isTextual()) {
                throw new IOException("GitHub answered no installation token for app " + appId);
            }
            token = answer.get("token").asText();
            expiresAt = Instant.parse(answer.get("expires_at").asText());
        }
        return "token " + token;
    }

    private static JsonNode call(OkHttpClient http, Request.Builder request) throws IOException {
        request.header("Accept", GitHubRest.ACCEPT).header("X-GitHub-Api-Version", GitHubRest.API_VERSION);
        try (Response r = http.newCall(request.build()).execute()) {
            byte[] body = r.body() == null ? new byte[0] : r.body().bytes();
            if (!r.isSuccessful()) {
                throw GitHubRest.error(r, body);
            }
            return EventCodec.mapper().readTree(body);
        }
    }
}
