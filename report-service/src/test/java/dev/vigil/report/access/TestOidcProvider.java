package dev.vigil.report.access;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * An identity provider as Keycloak publishes one: OpenID discovery and a JWKS, served by WireMock, with a test-only
 * RSA key (src/test/resources/oidc) that {@link #token} signs with. report-service validates tokens through
 * quarkus-oidc exactly as against a real provider.
 */
public class TestOidcProvider implements QuarkusTestResourceLifecycleManager {
    static final String REALM = "/realms/vigil";
    static final RSAKey KEY = readKey();
    /** report-service's confidential client at the provider, for its own calls (client credentials). */
    static final String SERVICE_CLIENT_ID = "vigil-report-service";
    static final String SERVICE_CLIENT_SECRET = "test-report-client-secret";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String issuer = "http://127.0.0.1:" + server.port() + REALM;
        server.stubFor(get(urlPathEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(json("""
                {"issuer": "%1$s", "jwks_uri": "%1$s/protocol/openid-connect/certs",
                 "authorization_endpoint": "%1$s/protocol/openid-connect/auth",
                 "token_endpoint": "%1$s/protocol/openid-connect/token",
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer))));
        server.stubFor(get(urlPathEqualTo(REALM + "/protocol/openid-connect/certs"))
                .willReturn(json(new JWKSet(KEY.toPublicJWK()).toString())));
        // The client-credentials grant for report-service's own calls, as Keycloak answers it for a confidential
        // client whose service-account user is in the group "service".
        server.stubFor(post(urlPathEqualTo(REALM + "/protocol/openid-connect/token"))
                .withBasicAuth(SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET)
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(json("""
                        {"access_token": "%s", "expires_in": 300, "refresh_expires_in": 0, "token_type": "Bearer",
                         "not-before-policy": 0, "scope": "profile email"}""".formatted(token(issuer,
                        "service-account-" + SERVICE_CLIENT_ID, List.of("service"))))));
        server.stubFor(post(urlPathEqualTo(REALM + "/protocol/openid-connect/token")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error": "unauthorized_client", "error_description": "Invalid client or Invalid client credentials"}""")));
        return Map.of("quarkus.oidc.auth-server-url", issuer,
                "vigil.access.client.oidc.token-url", issuer + "/protocol/openid-connect/token");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * A bearer token for {@code user} in these groups, as the provider at {@code issuer} (the test's
     * {@code quarkus.oidc.auth-server-url}) would issue it, valid for 5 minutes.
     */
    static String token(String issuer, String user, List<String> groups) {
        return token(issuer, user, groups, Instant.now().plusSeconds(300), KEY);
    }

    static String token(String issuer, String user, List<String> groups, Instant expires, RSAKey signingKey) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("sub-" + user)
                    .claim("preferred_username", user).claim("groups", groups).audience("vigil")
                    .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expires)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static RSAKey readKey() {
        try (InputStream in = TestOidcProvider.class.getResourceAsStream("/oidc/test-provider-key.jwk.json")) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
