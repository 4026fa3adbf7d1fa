package dev.vigil.evaluator.identity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an {@link Account} from the facts of each resource type that is one: adding a source of accounts means
 * adding one entry here (and its test). Pure.
 */
public final class IdentityAccounts {
    /** What the adapter hands over for one stored resource. */
    public record Stored(String resourceType, String source, String resourceKey, String evidenceId,
                         Map<String, Object> facts, Instant firstObservedAt) {
    }

    @FunctionalInterface
    interface Reader {
        Account read(Stored s);
    }

    /** A resource type that is an account: whether people join and leave there, and how its facts read. */
    private record Kind(boolean identityProvider, Reader reader) {
    }

    /** Okta statuses of someone who has left (or been stopped): they can no longer sign in. */
    private static final Set<String> OKTA_GONE = Set.of("DEPROVISIONED", "SUSPENDED");

    private static final Map<String, Kind> KINDS = Map.of(
            "okta.user", new Kind(true, s -> {
                String status = text(s, "status");
                boolean active = status != null && !OKTA_GONE.contains(status);
                Instant since = active ? null : instant(text(s, "statusChanged"), s.firstObservedAt());
                return identityAccount("okta", s, text(s, "login"), text(s, "email"), active, since);
            }),
            "entra.user", new Kind(true, s -> {
                boolean active = Boolean.TRUE.equals(s.facts().get("accountEnabled"));
                // Graph does not say when an account was disabled: the first observation of it disabled is the bound.
                return identityAccount("entra", s, text(s, "userPrincipalName"), text(s, "email"), active,
                        active ? null : s.firstObservedAt());
            }),
            "google.user", new Kind(true, s -> {
                boolean active = !Boolean.TRUE.equals(s.facts().get("suspended"))
                        && !Boolean.TRUE.equals(s.facts().get("archived"));
                // The Directory API does not say when a user was suspended: first observed suspended is the bound.
                return identityAccount("google", s, text(s, "email"), text(s, "email"), active,
                        active ? null : s.firstObservedAt());
            }),
            "github.member", new Kind(false, IdentityAccounts::githubMember),
            "aws.iam.user", new Kind(false, s -> {
                boolean console = Boolean.TRUE.equals(s.facts().get("consoleAccess"));
                boolean keys = s.facts().get("accessKeys") instanceof List<?> list && list.stream()
                        .anyMatch(k -> k instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("active")));
                String tag = lower(text(s, "emailTag"));
                // refused tags: the user may be tagged with someone's address, so no match is no proof of no one
                boolean tagsRead = !Boolean.FALSE.equals(s.facts().get("tagsRead"));
                return new Account("aws", false, s.source(), s.resourceKey(), s.evidenceId(), text(s, "user"), tag,
                        tag == null ? null : JoinedBy.IAM_TAG, true, console || keys, null, tagsRead,
                        tag != null ? null
                                : !tagsRead ? "its tags could not be read (" + text(s, "tagsUnreadReason") + ")"
                                : "it has no e-mail tag and its name matches no person's address or local part");
            }),
            // IAM Identity Center shows each user's address; its user names are the organisation's choice too
            "aws.identitycenter.user", new Kind(false, s -> {
                String email = lower(text(s, "email"));
                return new Account("aws-identity-center", false, s.source(), s.resourceKey(), s.evidenceId(),
                        text(s, "userName"), email, email == null ? null : JoinedBy.EMAIL, true,
                        Boolean.TRUE.equals(s.facts().get("active")), null, true,
                        email == null ? "Identity Center shows no e-mail address for it and its user name matches no "
                                + "person's address or local part" : null);
            }));

    private IdentityAccounts() {
    }

    /** The resource types that are accounts. */
    public static Set<String> resourceTypes() {
        return KINDS.keySet();
    }

    /** The resource types whose accounts are identity-provider accounts (people join and leave there). */
    public static Set<String> identityProviderTypes() {
        return KINDS.entrySet().stream().filter(e -> e.getValue().identityProvider()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Account read(Stored s) {
        Kind kind = KINDS.get(s.resourceType());
        if (kind == null) {
            throw new IllegalArgumentException("not an account type: " + s.resourceType());
        }
        return kind.reader().read(s);
    }

    /** An identity provider shows the address itself. */
    private static Account identityAccount(String system, Stored s, String name, String email, boolean active,
                                           Instant inactiveSince) {
        String address = lower(email);
        return new Account(system, true, s.source(), s.resourceKey(), s.evidenceId(), name, address,
                address == null ? null : JoinedBy.EMAIL, true, active, inactiveSince, true,
                address == null ? "the identity provider shows no e-mail address for it" : null);
    }

    /**
     * GitHub does not show members' addresses: the collector attributes each member ({@code email}) and says how
     * ({@code emailSource}), whether the organisation's identity data could be read ({@code identitiesRead}) and,
     * when nothing attributed the member, what was tried ({@code identityNotFound}). Evidence collected before
     * attribution (no {@code emailSource} key) attributes no one: its {@code email} was the member's own public
     * address, which the member chose.
     */
    private static Account githubMember(Stored s) {
        String emailSource = text(s, "emailSource");
        String email = emailSource == null ? null : lower(text(s, "email"));
        boolean known = !Boolean.FALSE.equals(s.facts().get("identitiesRead"));
        String notFound = email != null ? null
                : text(s, "identityNotFound") != null ? text(s, "identityNotFound")
                : !known ? "the organisation's identity data could not be read"
                : s.facts().containsKey("emailSource") ? "no identity source attributes it"
                : "GitHub does not show members' addresses and this evidence names no identity source";
        return new Account("github", false, s.source(), s.resourceKey(), s.evidenceId(), text(s, "login"), email,
                email == null ? null : emailSource, false, true, null, email != null || known, notFound);
    }

    private static String text(Stored s, String name) {
        return s.facts().get(name) instanceof String v && !v.isBlank() ? v : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String text, Instant fallback) {
        try {
            return text == null ? fallback : Instant.parse(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
