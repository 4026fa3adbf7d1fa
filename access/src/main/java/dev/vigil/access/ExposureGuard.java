package dev.vigil.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses to start a service that listens beyond this machine ({@code quarkus.http.host} not loopback) while it
 * would let in whoever knows a published demo password, or while nothing could sign a caller in at all. Demo users
 * are for the local stack, which binds 127.0.0.1: a warning at start-up says they are on.
 */
@ApplicationScoped
public class ExposureGuard {
    private static final Logger LOG = Logger.getLogger(ExposureGuard.class);

    private final AccessConfig access;
    private final Config config;

    public ExposureGuard(AccessConfig access, Config config) {
        this.access = access;
        this.config = config;
    }

    void check(@Observes StartupEvent start) {
        Set<String> clash = new TreeSet<>(access.demoUsers().users().keySet());
        clash.retainAll(access.serviceCredentials().keySet());
        if (access.demoUsers().enabled() && !clash.isEmpty()) {
            throw new IllegalStateException("demo users " + clash + " have the names of services in "
                    + "vigil.access.service-credentials; rename them");
        }
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        refusal(host, access.demoUsers().enabled(), oidcConfigured(config), !access.serviceCredentials().isEmpty())
                .ifPresent(reason -> {
                    throw new IllegalStateException(reason);
                });
        if (access.demoUsers().enabled()) {
            LOG.warnf("demo users are enabled (%s): loopback only, for the local stack and tests, never for "
                    + "production; set vigil.access.demo-users.enabled=false and configure OIDC (docs/access.md)",
                    new TreeSet<>(access.demoUsers().users().keySet()));
        }
    }

    /** Why a service listening on {@code host} must not start, if it must not. */
    static Optional<String> refusal(String host, boolean demoUsers, boolean oidc, boolean serviceCredentials) {
        if (isLoopback(host)) {
            return Optional.empty();
        }
        if (demoUsers) {
            return Optional.of("refusing to start: quarkus.http.host is " + host + ", not loopback, and demo users "
                    + "(published passwords) are enabled. Bind to 127.0.0.1 (QUARKUS_HTTP_HOST), or set "
                    + "vigil.access.demo-users.enabled=false and sign people in with OIDC (docs/access.md)");
        }
        if (!oidc && !serviceCredentials) {
            return Optional.of("refusing to start: quarkus.http.host is " + host + ", not loopback, and no caller "
                    + "could sign in: configure OIDC (quarkus.oidc.tenant-enabled=true, quarkus.oidc.auth-server-url) "
                    + "or the services this one accepts (vigil.access.service-credentials.<service>=<secret>), "
                    + "or bind to 127.0.0.1 (docs/access.md)");
        }
        return Optional.empty();
    }

    /** Only literal loopback names count: a host name that resolves to 127.0.0.1 today may not tomorrow. */
    static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** OIDC is on when its default tenant is enabled (quarkus-oidc's default) and names a provider. */
    public static boolean oidcConfigured(Config config) {
        return config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true)
                && config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent();
    }
}
