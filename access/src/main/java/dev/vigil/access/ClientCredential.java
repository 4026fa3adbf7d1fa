package dev.vigil.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What this service sends on its own calls to the other Vigil services ({@code vigil.access.client.name} and
 * {@code .secret}): HTTP basic, which the called service checks against its {@code vigil.access.service-credentials}.
 */
@ApplicationScoped
public class ClientCredential {
    private final Optional<String> authorization;

    @Inject
    public ClientCredential(AccessConfig config) {
        this(config.client().name().flatMap(name -> config.client().secret().map(secret -> basic(name, secret))));
    }

    private ClientCredential(Optional<String> authorization) {
        this.authorization = authorization;
    }

    /** A fixed credential, for code that builds its clients by hand (tests). */
    public static ClientCredential of(String name, String secret) {
        return new ClientCredential(Optional.of(basic(name, secret)));
    }

    private static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http}, sending this credential with every request that carries no {@code Authorization} of its own. */
    public HttpClient sendingCredential(HttpClient http) {
        return authorization.<HttpClient>map(value -> new AuthorizingHttpClient(http, value)).orElse(http);
    }
}
