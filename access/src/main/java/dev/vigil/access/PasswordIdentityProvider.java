package dev.vigil.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Checks a user name and password (HTTP basic, or report-service's login form) against the configured service
 * credentials (role {@code service}) and, when on, the demo users. One provider for both, so the order in which
 * they are asked is plain: a service name is a service, never a person (the start-up guard refuses a demo user
 * who shares a service's name).
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final AccessConfig config;

    public PasswordIdentityProvider(AccessConfig config) {
        this.config = config;
        config.demoUsers().users().forEach((name, user) -> user.roles().forEach(role -> {
            if (!Roles.PEOPLE.contains(role)) {
                throw new IllegalStateException("demo user '" + name + "' has unknown role '" + role + "'; use "
                        + Roles.PEOPLE);
            }
        }));
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String name = request.getUsername();
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        String serviceSecret = config.serviceCredentials().get(name);
        if (serviceSecret != null) {
            return matches(given, serviceSecret) ? Uni.createFrom().item(identity(name, Set.of(Roles.SERVICE)))
                    : refused();
        }
        AccessConfig.DemoUser user = config.demoUsers().enabled() ? config.demoUsers().users().get(name) : null;
        // Compared even for an unknown user, so timing tells nothing about who exists.
        boolean match = matches(given, user == null ? "\u0000unknown-user" : user.password());
        if (!match || user == null) {
            return refused();
        }
        return Uni.createFrom().item(identity(name, Set.copyOf(user.roles())));
    }

    /** Constant-time comparison: how long it takes says nothing about how much of the secret was right. */
    static boolean matches(byte[] given, String expected) {
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Uni<SecurityIdentity> refused() {
        return Uni.createFrom().failure(new AuthenticationFailedException("wrong user name or password"));
    }

    static SecurityIdentity identity(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
    }
}
