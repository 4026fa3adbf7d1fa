package dev.vigil.evaluator.identity;

import java.time.Instant;

/**
 * One account of a person somewhere: in an identity provider, or in a system people reach with their own account
 * (GitHub, AWS IAM).
 *
 * @param system           where: {@code okta}, {@code entra}, {@code github}, {@code aws}
 * @param identityProvider whether this system is where people join and leave (its deactivation is the leaving)
 * @param source           the evidence source, e.g. {@code vigil://github/acme-demo}
 * @param resourceKey      the account's resource key in the evaluator
 * @param evidenceId       the evidence version this account was read from
 * @param name             the account's own name (login, user name, principal name)
 * @param email            its e-mail address in lower case, or null when the system does not show one
 * @param namedByOrganisation whether the organisation chose the name (an IAM user), so that a name equal to
 *                         a person's address or its local part is theirs; a GitHub login is chosen by its owner
 * @param active           whether the account can be used now
 * @param inactiveSince    since when it cannot (as the provider says, or as first observed), or null
 */
public record Account(String system, boolean identityProvider, String source, String resourceKey, String evidenceId,
                      String name, String email, boolean namedByOrganisation, boolean active, Instant inactiveSince) {
}
