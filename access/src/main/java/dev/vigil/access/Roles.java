package dev.vigil.access;

import java.util.Set;

/**
 * The roles of all three services, as role names in an identity provider's token (its {@code groups} claim).
 * Every endpoint names the roles it admits ({@code @RolesAllowed}); an endpoint that names none is denied.
 */
public final class Roles {
    /** Configures Vigil and sees everything. */
    public static final String ADMIN = "admin";
    /** The security team and on-call engineers: read the live state, start collections, upload manual evidence. */
    public static final String ENGINEER = "engineer";
    /** Read-only, limited to the observation periods granted to them; downloads their bundles. */
    public static final String AUDITOR = "auditor";
    /** Another Vigil service (or the metrics scraper) calling with its service credential: never a person. */
    public static final String SERVICE = "service";

    /** Roles a person may hold; {@link #SERVICE} is only ever given to a service credential. */
    public static final Set<String> PEOPLE = Set.of(ADMIN, ENGINEER, AUDITOR);

    private Roles() {
    }
}
