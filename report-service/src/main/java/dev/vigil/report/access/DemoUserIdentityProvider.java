package dev.vigil.report.access;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Checks user name and password (HTTP basic, or the dashboard's login form) against the configured demo users.
 * Off unless {@code vigil.access.demo-users.enabled}; a warning at start says it is on.
 */
@ApplicationScoped
public class DemoUserIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(DemoUserIdentityProvider.class);
    private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR);

    private final AccessConfig.DemoUsers config;

    public DemoUserIdentityProvider(AccessConfig access) {
        this.config = access.demoUsers();
        config.users().forEach((name, user) -> user.roles().forEach(role -> {
            if (!ROLES.contains(role)) {
                throw new IllegalStateException("demo user '" + name + "' has unknown role '" + role + "'; use "
                        + ROLES);
            }
        }));
    }

    void warn(@Observes StartupEvent start) {
        if (config.enabled()) {
            LOG.warnf("demo users are enabled (%s): fine for the local stack, never for production; set "
                    + "vigil.access.demo-users.enabled=false and configure OIDC (docs/access.md)", config.users().keySet());
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        AccessConfig.DemoUser user = config.enabled() ? config.users().get(request.getUsername()) : null;
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        // Compared in constant time, and even for an unknown user, so timing tells nothing about who exists.
        byte[] expected = (user == null ? "\u0000unknown-user" : user.password()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected) || user == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong user name or password"));
        }
        return Uni.createFrom().item(identity(request.getUsername(), user));
    }

    static SecurityIdentity identity(String name, AccessConfig.DemoUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(Set.copyOf(user.roles()))
                .build();
    }
}
