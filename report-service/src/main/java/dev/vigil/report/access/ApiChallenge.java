package dev.vigil.report.access;

import dev.vigil.access.ExposureGuard;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The API answers like an API: a call to {@code /api/*} or {@code /q/*} without credentials gets 401 with
 * {@code WWW-Authenticate} (Basic, and Bearer when OIDC is on), not the login form's redirect, which only a browser
 * finds useful and which a script would follow into an HTML page. Pages still send a signed-out browser to
 * {@code /login}.
 *
 * <p>Quarkus picks one challenge for all paths (the form's, or OIDC's redirect to the provider); this rewrites that
 * redirect for API paths just before the response's headers go out. It also marks the session cookie
 * {@code Secure} when {@code vigil.access.session-cookie-secure} is set: Quarkus itself does so only for a request
 * that came over TLS to this service, which behind a TLS-terminating proxy none does.
 */
@ApplicationScoped
public class ApiChallenge {
    /** After the cross-site guard, before the routes. */
    private static final int PRIORITY = 900;

    private final String loginPage;
    private final Optional<String> oidcProvider;
    private final String sessionCookie;
    private final boolean secureCookie;

    public ApiChallenge(Config config) {
        this.loginPage = config.getOptionalValue("quarkus.http.auth.form.login-page", String.class).orElse("/login");
        this.oidcProvider = ExposureGuard.oidcConfigured(config)
                ? config.getOptionalValue("quarkus.oidc.auth-server-url", String.class) : Optional.empty();
        this.sessionCookie = config.getOptionalValue("quarkus.http.auth.form.cookie-name", String.class)
                .orElse("quarkus-credential") + "=";
        this.secureCookie = config.getOptionalValue("vigil.access.session-cookie-secure", Boolean.class)
                .orElse(false);
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        boolean api = isApi(rc.normalizedPath());
        if (api || secureCookie) {
            rc.addHeadersEndHandler(v -> {
                HttpServerResponse response = rc.response();
                if (api && response.getStatusCode() == 302 && isSignInRedirect(response.headers().get("Location"))) {
                    response.setStatusCode(401).setStatusMessage("Unauthorized");
                    response.headers().remove("Location");
                    response.headers().set("WWW-Authenticate", challenges());
                }
                if (secureCookie) {
                    List<String> cookies = response.headers().getAll("Set-Cookie");
                    response.headers().remove("Set-Cookie");
                    cookies.forEach(c -> response.headers().add("Set-Cookie",
                            c.startsWith(sessionCookie) && !c.toLowerCase().contains("; secure") ? c + "; Secure" : c));
                }
            });
        }
        rc.next();
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/q/");
    }

    private boolean isSignInRedirect(String location) {
        if (location == null) {
            return false;
        }
        if (oidcProvider.isPresent() && location.startsWith(oidcProvider.get())) {
            return true;
        }
        try {
            return loginPage.equals(URI.create(location).getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<String> challenges() {
        return oidcProvider.isPresent() ? List.of("Basic realm=\"Vigil\"", "Bearer realm=\"Vigil\"")
                : List.of("Basic realm=\"Vigil\"");
    }
}
