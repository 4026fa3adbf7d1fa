package dev.vigil.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * This service's own access token from the identity provider, by the OAuth 2.0 client-credentials grant (RFC 6749
 * section 4.4), as {@code Authorization: Bearer ...} for its calls to the other services. A token is kept until
 * shortly before it expires, then fetched again when next needed.
 *
 * <p>Written here rather than with quarkus-oidc-client, whose version for this Quarkus BOM is not on the Maven
 * Central this project builds from; the grant is one form POST.
 */
final class OidcClientCredentials implements Supplier<String> {
    /** A token is replaced this long before the provider says it expires: calls in flight must not carry a dead one. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Optional<String> scope;
    private final boolean secretInBody;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    OidcClientCredentials(AccessConfig.Oidc config, HttpClient http, Clock clock) {
        this.tokenUrl = URI.create(config.tokenUrl());
        this.clientId = config.clientId();
        this.clientSecret = config.clientSecret();
        this.scope = config.scope();
        this.secretInBody = config.clientAuthentication().orElse(AccessConfig.ClientAuthentication.BASIC)
                == AccessConfig.ClientAuthentication.POST;
        this.http = http;
        this.clock = clock;
    }

    /** {@code Bearer <token>}: the one held, or a new one when it is about to expire. */
    @Override
    public synchronized String get() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    private void fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        scope.ifPresent(s -> form.put("scope", s));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (secretInBody) {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        } else {
            // RFC 6749 2.3.1: both form-encoded, then HTTP basic.
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8)));
        }
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(what() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what() + " was interrupted", e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200 || !answer.path("access_token").isTextual()) {
            // Only the error fields of the answer: a 200 without access_token may hold anything.
            throw new IllegalStateException(what() + " answered " + response.statusCode() + " "
                    + (answer.has("error") ? "error=" + answer.path("error").asText()
                    + (answer.has("error_description") ? " (" + answer.path("error_description").asText() + ")" : "")
                    : "with no access_token"));
        }
        token = answer.path("access_token").asText();
        long lifetime = answer.path("expires_in").asLong(0);
        // Without expires_in (optional in RFC 6749), a token is used once: asked for again at the next call.
        renewAt = lifetime > 0 ? asked.plusSeconds(lifetime).minus(EXPIRY_MARGIN) : asked;
    }

    private String what() {
        return "the client-credentials token request for client '" + clientId + "' to " + tokenUrl;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
