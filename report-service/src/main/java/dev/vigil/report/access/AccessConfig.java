package dev.vigil.report.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/**
 * Who may sign in without an identity provider (docs/access.md). Production uses OIDC
 * ({@code quarkus.oidc.*}) and turns the demo users off.
 */
@ConfigMapping(prefix = "vigil.access")
public interface AccessConfig {

    DemoUsers demoUsers();

    /**
     * Whether a risk acceptance or scoping decision (and their revocations) needs a second admin to approve it. On
     * by default; a one-person team turns it off, and each decision made then records that it was off.
     */
    @WithDefault("true")
    boolean fourEyes();

    interface DemoUsers {
        /** Users from configuration, for the local stack and tests. Never in production. */
        @WithDefault("false")
        boolean enabled();

        /** By user name. */
        Map<String, DemoUser> users();
    }

    interface DemoUser {
        String password();

        /** Any of admin, engineer, auditor. */
        List<String> roles();
    }
}
