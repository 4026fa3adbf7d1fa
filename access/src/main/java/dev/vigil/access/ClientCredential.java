package dev.vigil.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What this service sends on its own calls to the other Vigil services: a client-credentials token from the identity
 * provider when {@code vigil.access.client.oidc.*} is configured ({@link OidcClientCredentials}), otherwise HTTP basic
 * with {@code vigil.access.client.name} and {@code .secret}, which the called service checks against its
 * {@code vigil.access.service-credentials}.
 */
@ApplicationScoped
public class ClientCredential {
    private final Optional<Supplier<String>> authorization;

    @Inject
    public ClientCredential(AccessConfig config) {
        this(config.client().oidc().map(oidc -> tokens(oidc, Clock.systemUTC()))
                .or(() -> config.client().name().flatMap(name -> config.client().secret()
                        .map(secret -> fixed(basic(name, secret))))));
    }

    /** Client-credentials tokens from the provider, on the given clock (tests). */
    ClientCredential(AccessConfig.Oidc oidc, Clock clock) {
        this(Optional.of(tokens(oidc, clock)));
    }

    private static Supplier<String> tokens(AccessConfig.Oidc oidc, Clock clock) {
        return new OidcClientCredentials(oidc, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), clock);
    }

    private ClientCredential(Optional<Supplier<String>> authorization) {
        this.authorization = authorization;
    }

    /** A fixed credential, for code that builds its clients by hand (tests). */
    public static ClientCredential of(String name, String secret) {
        return new ClientCredential(Optional.of(fixed(basic(name, secret))));
    }

    private static Supplier<String> fixed(String value) {
        return () -> value;
    }

    private static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code Authorization} value to send now (a token is fetched or renewed when due, on the caller's thread), or
     * empty when no client credential is configured. report-service's REST Clients send it through a request filter.
     */
    public Optional<String> authorization() {
        return authorization.map(Supplier::get);
    }
}
