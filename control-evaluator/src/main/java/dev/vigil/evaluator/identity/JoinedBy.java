package dev.vigil.evaluator.identity;

import java.util.Map;

/**
 * How an account was attributed to a person's address: the values of {@code joinedBy} in {@code identity.person}
 * and {@code identity.account} facts (docs/evidence.md), and how a reason reads them.
 */
public final class JoinedBy {
    /** The system itself shows the address (identity-provider accounts). */
    public static final String EMAIL = "e-mail";
    /** GitHub: the organisation's SAML single sign-on identity linked to the account (nameId, emails). */
    public static final String SAML_IDENTITY = "saml-identity";
    /** GitHub: the organisation's SCIM identity linked to the account. */
    public static final String SCIM_IDENTITY = "scim-identity";
    /** GitHub: the member's e-mail on one of the organisation's verified domains. */
    public static final String VERIFIED_DOMAIN_EMAIL = "verified-domain-email";
    /** An operator-maintained file of login to e-mail. */
    public static final String MAPPING_FILE = "mapping-file";
    /** AWS IAM: the user's e-mail tag. */
    public static final String IAM_TAG = "iam-tag";
    /** The account's name, chosen by the organisation, is the address or its local part (an IAM user). */
    public static final String NAME = "name";

    private static final Map<String, String> TEXT = Map.of(
            EMAIL, "e-mail",
            SAML_IDENTITY, "SAML identity",
            SCIM_IDENTITY, "SCIM identity",
            VERIFIED_DOMAIN_EMAIL, "verified-domain e-mail",
            MAPPING_FILE, "the mapping file",
            IAM_TAG, "IAM e-mail tag",
            NAME, "name");

    private JoinedBy() {
    }

    /** How a reason says it: "joined by " + this ("SAML identity", "IAM e-mail tag", ...). */
    public static String describe(String joinedBy) {
        return joinedBy == null ? "nothing" : TEXT.getOrDefault(joinedBy, joinedBy);
    }
}
