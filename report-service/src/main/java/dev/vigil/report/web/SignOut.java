package dev.vigil.report.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * Signs out of a login-form session: the session lives only in Quarkus's encrypted cookie, so signing out is the
 * browser dropping it. A POST, so that a link or an image elsewhere cannot sign anyone out; with OIDC, the identity
 * provider ends its own session.
 */
@Path("/logout")
@PermitAll
public class SignOut {
    private final String cookieName;

    public SignOut(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
                   String cookieName) {
        this.cookieName = cookieName;
    }

    @POST
    @Operation(hidden = true)
    public Response signOut() {
        NewCookie expired = new NewCookie.Builder(cookieName).value("").path("/").maxAge(0)
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/login?signedOut=true")).cookie(expired).build();
    }
}
