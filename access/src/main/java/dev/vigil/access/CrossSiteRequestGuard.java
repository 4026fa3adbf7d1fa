package dev.vigil.access;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.Set;

/**
 * Answers 403 to a state-changing request (POST, PUT, PATCH, DELETE) that a browser says comes from another site,
 * before anything runs: a password the browser remembers for a service (HTTP basic) would otherwise travel with a
 * form another site posts, for example one that starts collections. A browser says so with
 * {@code Sec-Fetch-Site: cross-site}, or with an {@code Origin} that is not this service's own. Scripts and services
 * send neither header, so they are not affected.
 */
@ApplicationScoped
public class CrossSiteRequestGuard {
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    /** Runs before the routes and before authentication, so a refused request does nothing at all. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        if (STATE_CHANGING.contains(rc.request().method())
                && isCrossSite(rc.request().getHeader("Sec-Fetch-Site"), rc.request().getHeader("Origin"),
                rc.request().getHeader("Host"))) {
            rc.response().setStatusCode(403).putHeader("Content-Type", "text/plain")
                    .end("cross-site " + rc.request().method() + " refused: send it from this service's own pages or "
                            + "from a script (docs/access.md)");
            return;
        }
        rc.next();
    }

    static boolean isCrossSite(String secFetchSite, String origin, String host) {
        if ("cross-site".equalsIgnoreCase(secFetchSite)) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        if (host == null || origin.equals("null")) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return o.getHost() == null || !authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
