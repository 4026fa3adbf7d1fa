package dev.vigil.evaluator.identity;

import java.time.Instant;

/**
 * One account of a person somewhere: in an identity provider, or in a system people reach with their own account
 * (GitHub, AWS IAM).
 *
 * @param system           where: {@code okta}, {@code entra}, {@code google}, {@code github}, {@code aws}
 * @param identityProvider whether this system is where people join and leave (its deactivation is the leaving)
 * @param source           the evidence source, e.g. {@code vigil://github/acme-demo}
 * @param resourceKey      the account's resource key in the evaluator
 * @param evidenceId       the evidence version this account was read from
 * @param name             the account's own name (login, user name, principal name)
 * @param email            the address the account is attributed to, in lower case, or null when nothing attributes
 *                         one (a GitHub member no identity source links, an IAM user without an e-mail tag)
 * @param joinedBy         how {@code email} was found ({@link JoinedBy}): {@code e-mail} when the system shows it,
 *                         {@code saml-identity}, {@code iam-tag}, ...; after the join also {@code name}; null
 *                         when unattributed
 * @param namedByOrganisation whether the organisation chose the name (an IAM user), so that a name equal to
 *                         a person's address or its local part is theirs; a GitHub login is chosen by its owner
 * @param active           whether the account can be used now
 * @param inactiveSince    since when it cannot (as the provider says, or as first observed), or null
 * @param attributionKnown false when the data that attributes accounts could not be read (a GitHub organisation's
 *                         SAML identities), so that an unattributed account may be someone's after all
 * @param notFound         when {@code email} is null, what the source says was tried, or null
 */
public record Account(String system, boolean identityProvider, String source, String resourceKey, String evidenceId,
                      String name, String email, String joinedBy, boolean namedByOrganisation, boolean active,
                      Instant inactiveSince, boolean attributionKnown, String notFound) {

    /** This account, attributed by another means (the join matched its name). */
    public Account joined(String email, String joinedBy) {
        return new Account(system, identityProvider, source, resourceKey, evidenceId, name, email, joinedBy,
                namedByOrganisation, active, inactiveSince, attributionKnown, notFound);
    }
}
