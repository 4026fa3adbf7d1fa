package dev.vigil.report.access;

/**
 * The three kinds of people who use report-service, as role names in the identity provider's token.
 * Every endpoint names the roles it admits ({@code @RolesAllowed}); an endpoint that names none is denied.
 */
public final class Roles {
    /** Configures Vigil and sees everything. */
    public static final String ADMIN = "admin";
    /** The security team and on-call engineers: read the live state, upload manual evidence. */
    public static final String ENGINEER = "engineer";
    /** Read-only, limited to the observation periods granted to them; downloads their bundles. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
