package dev.vigil.report.review;

/**
 * One access a campaign reviews: an account and the privilege it holds somewhere.
 *
 * @param accessKey   what identifies this access across collections ({@code resourceKey#privilege}): the closed loop
 *                    confirms a revoke when no current account shows this key any more
 * @param system      where the access is: {@code okta}, {@code entra}, {@code google}, {@code github}, {@code aws},
 *                    {@code aws-identity-center}
 * @param account     the account's own name (login, user name, principal name)
 * @param person      the address the account is attributed to, or null when the evidence attributes none
 * @param privilege   what the account can do, in words ({@code admin on acme/api}, {@code Okta roles SUPER_ADMIN})
 * @param resourceKey the evaluator resource the access was read from
 * @param evidenceId  the evidence version it was read from
 * @param manager     the person's manager as the identity provider's profile gives it, or null
 */
public record Access(String accessKey, String system, String account, String person, String privilege,
                     String resourceKey, String evidenceId, String manager) {

    static Access of(CollectedAccount a, String system, String account, String person, String privilege) {
        return new Access(a.resourceKey() + "#" + privilege, system, account, person, privilege, a.resourceKey(),
                a.evidenceId(), null);
    }

    Access withManager(String manager) {
        return new Access(accessKey, system, account, person, privilege, resourceKey, evidenceId, manager);
    }
}
