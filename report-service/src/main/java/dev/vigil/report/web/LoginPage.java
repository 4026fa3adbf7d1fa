package dev.vigil.report.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The sign-in form of the dashboard when users sign in with a password (the demo users); it posts to Quarkus's form
 * authentication ({@code /j_security_check}). With OIDC, the identity provider's own page is used instead.
 */
@Path("/login")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean signedOut);
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance login(@QueryParam("error") boolean error, @QueryParam("signedOut") boolean signedOut) {
        return Templates.login(error, signedOut);
    }
}
