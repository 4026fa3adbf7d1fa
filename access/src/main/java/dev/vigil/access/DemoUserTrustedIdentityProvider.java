package dev.vigil.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * After a form sign-in (report-service's dashboard), the encrypted session cookie names the user; each later
 * request rebuilds the user's roles here. A user removed from the configuration loses the session. Services never
 * sign in through the form, so a session is never a service's.
 */
@ApplicationScoped
public class DemoUserTrustedIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final AccessConfig.DemoUsers config;

    public DemoUserTrustedIdentityProvider(AccessConfig access) {
        this.config = access.demoUsers();
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        AccessConfig.DemoUser user = config.enabled() ? config.users().get(request.getPrincipal()) : null;
        if (user == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the session's user is no longer known"));
        }
        return Uni.createFrom().item(PasswordIdentityProvider.identity(request.getPrincipal(), Set.copyOf(user.roles())));
    }
}
