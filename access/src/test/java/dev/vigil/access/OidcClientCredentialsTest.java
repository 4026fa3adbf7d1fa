package dev.vigil.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client-credentials grant against a token endpoint that answers as Keycloak's and Entra ID's do, and the
 * token on the calls that follow: kept while valid, fetched again before it expires, errors naming what was sent
 * and what came back, never the secret.
 */
class OidcClientCredentialsTest {
    static final String SECRET = "s3cret/with+chars";

    HttpServer server;
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();
    final List<String> calledWith = new CopyOnWriteArrayList<>();
    volatile int tokenStatus = 200;
    volatile String tokenAnswer;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/acme/protocol/openid-connect/token", exchange -> {
            tokenRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String answer = tokenAnswer != null ? tokenAnswer : """
                    {"access_token":"token-%d","expires_in":300,"refresh_expires_in":0,"token_type":"Bearer",\
                    "not-before-policy":0,"scope":"profile email"}""".formatted(tokenRequests.size());
            respond(exchange, tokenStatus, answer);
        });
        server.createContext("/api/evidence", exchange -> {
            calledWith.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, "[]");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aTokenIsFetchedWithBasicClientAuthenticationAndKeptUntilShortlyBeforeItExpires() {
        var credentials = new OidcClientCredentials(oidc(Optional.empty(), AccessConfig.ClientAuthentication.BASIC),
                HttpClient.newHttpClient(), clock);

        assertThat(credentials.get()).isEqualTo("Bearer token-1");
        assertThat(tokenRequests).containsExactly("grant_type=client_credentials");
        assertThat(tokenAuthorizations).containsExactly("Basic " + Base64.getEncoder().encodeToString(
                "report-service:s3cret%2Fwith%2Bchars".getBytes(StandardCharsets.UTF_8)));

        clock.advance(Duration.ofSeconds(269));
        assertThat(credentials.get()).as("still valid for 31 s").isEqualTo("Bearer token-1");
        assertThat(tokenRequests).hasSize(1);

        clock.advance(Duration.ofSeconds(1)); // 30 s before expiry: replaced
        assertThat(credentials.get()).isEqualTo("Bearer token-2");
        assertThat(tokenRequests).hasSize(2);
    }

    @Test
    void theSecretInTheFormAndAScopeForEntraId() {
        var credentials = new OidcClientCredentials(oidc(Optional.of("api://vigil-services/.default"),
                AccessConfig.ClientAuthentication.POST), HttpClient.newHttpClient(), clock);

        credentials.get();

        assertThat(tokenRequests).containsExactly("grant_type=client_credentials&scope=api%3A%2F%2Fvigil-services%2F.default"
                + "&client_id=report-service&client_secret=s3cret%2Fwith%2Bchars");
        assertThat(tokenAuthorizations).containsExactly("null");
    }

    @Test
    void aRefusalNamesTheClientTheEndpointAndTheProvidersErrorButNotTheSecret() {
        tokenStatus = 401;
        tokenAnswer = """
                {"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}""";
        var credentials = new OidcClientCredentials(oidc(Optional.empty(), AccessConfig.ClientAuthentication.BASIC),
                HttpClient.newHttpClient(), clock);

        assertThatThrownBy(credentials::get)
                .hasMessageContaining("client 'report-service'")
                .hasMessageContaining(tokenUrl())
                .hasMessageContaining("answered 401 error=unauthorized_client (Invalid client or Invalid client credentials)")
                .message().doesNotContain(SECRET).doesNotContain("s3cret");

        tokenStatus = 200;
        tokenAnswer = """
                {"token_type":"Bearer","expires_in":300,"debug":"something else"}""";
        assertThatThrownBy(credentials::get).hasMessageContaining("answered 200 with no access_token")
                .message().doesNotContain("something else");
    }

    @Test
    void everyCallThroughTheServicesClientCarriesTheToken() throws Exception {
        ClientCredential credential = new ClientCredential(
                oidc(Optional.empty(), AccessConfig.ClientAuthentication.BASIC), clock);
        HttpClient http = HttpClient.newHttpClient();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/evidence"))
                            .header("Authorization", credential.authorization().orElseThrow()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        assertThat(calledWith).containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-1");
        assertThat(tokenRequests).hasSize(1);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String tokenUrl() {
        return base() + "/realms/acme/protocol/openid-connect/token";
    }

    private AccessConfig.Oidc oidc(Optional<String> scope, AccessConfig.ClientAuthentication how) {
        String url = tokenUrl();
        return new AccessConfig.Oidc() {
            public String tokenUrl() {
                return url;
            }

            public String clientId() {
                return "report-service";
            }

            public String clientSecret() {
                return SECRET;
            }

            public Optional<String> scope() {
                return scope;
            }

            public Optional<AccessConfig.ClientAuthentication> clientAuthentication() {
                return Optional.of(how);
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
