package dev.vigil.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call a service without an identity provider (docs/access.md): people (demo users, for the local stack
 * and tests) and other Vigil services (service credentials). Production signs people in with OIDC
 * ({@code quarkus.oidc.*}) and turns the demo users off.
 */
@ConfigMapping(prefix = "vigil.access")
public interface AccessConfig {

    DemoUsers demoUsers();

    /**
     * The services this one accepts calls from: service name (the HTTP basic user name) to its secret. Each
     * accepted caller gets the role {@code service}.
     */
    Map<String, String> serviceCredentials();

    /** What this service sends on its own calls to the others. */
    Client client();

    /**
     * report-service: a risk acceptance or scoping decision (or its revocation) requested by one admin is approved
     * by another. A one-person team may turn it off; every approval made then says so in the audit log.
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

    interface Client {
        /** This service's name, as the called service lists it in its {@code service-credentials}. */
        Optional<String> name();

        Optional<String> secret();

        /**
         * A client-credentials token from the identity provider instead: the called services take it when their
         * OIDC tenant is on and the token's {@code groups} hold {@code service} (docs/access.md).
         */
        Optional<Oidc> oidc();
    }

    interface Oidc {
        /**
         * The provider's token endpoint, e.g. {@code https://keycloak.example.com/realms/acme/protocol/openid-connect/token}
         * or {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}.
         */
        String tokenUrl();

        String clientId();

        String clientSecret();

        /** Entra ID wants {@code api://<the services' application id>/.default}; Keycloak and Okta need none. */
        Optional<String> scope();

        /**
         * How the client authenticates to the token endpoint: {@code basic} (RFC 6749's default, when unset) or
         * {@code post} (in the form). No {@code @WithDefault}: a default would make this optional group always present.
         */
        Optional<ClientAuthentication> clientAuthentication();
    }

    enum ClientAuthentication { BASIC, POST }
}
