package dev.vigil.evaluator.identity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** Okta statuses of someone who has left (or been stopped): they can no longer sign in. */
    private static final Set<String> OKTA_GONE = Set.of("DEPROVISIONED", "SUSPENDED");

    private static final Map<String, Reader> READERS = Map.of(
            "okta.user", s -> {
                String status = text(s, "status");
                boolean active = status != null && !OKTA_GONE.contains(status);
                Instant since = active ? null : instant(text(s, "statusChanged"), s.firstObservedAt());
                return new Account("okta", true, s.source(), s.resourceKey(), s.evidenceId(), text(s, "login"),
                        lower(text(s, "email")), true, active, since);
            },
            "entra.user", s -> {
                boolean active = Boolean.TRUE.equals(s.facts().get("accountEnabled"));
                // Graph does not say when an account was disabled: the first observation of it disabled is the bound.
                return new Account("entra", true, s.source(), s.resourceKey(), s.evidenceId(),
                        text(s, "userPrincipalName"), lower(text(s, "email")), true, active,
                        active ? null : s.firstObservedAt());
            },
            "google.user", s -> {
                boolean active = !Boolean.TRUE.equals(s.facts().get("suspended"))
                        && !Boolean.TRUE.equals(s.facts().get("archived"));
                // The Directory API does not say when a user was suspended: first observed suspended is the bound.
                return new Account("google", true, s.source(), s.resourceKey(), s.evidenceId(), text(s, "email"),
                        lower(text(s, "email")), true, active, active ? null : s.firstObservedAt());
            },
            "github.member", s -> new Account("github", false, s.source(), s.resourceKey(), s.evidenceId(),
                    text(s, "login"), lower(text(s, "email")), false, true, null),
            "aws.iam.user", s -> {
                boolean console = Boolean.TRUE.equals(s.facts().get("consoleAccess"));
                boolean keys = s.facts().get("accessKeys") instanceof List<?> list && list.stream()
                        .anyMatch(k -> k instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("active")));
                return new Account("aws", false, s.source(), s.resourceKey(), s.evidenceId(), text(s, "user"), null,
                        true, console || keys, null);
            });

    private IdentityAccounts() {
    }

    /** The resource types that are accounts. */
    public static Set<String> resourceTypes() {
        return READERS.keySet();
    }

    /** The resource types whose accounts are identity-provider accounts (people join and leave there). */
    public static Set<String> identityProviderTypes() {
        return Set.of("okta.user", "entra.user", "google.user");
    }

    public static Account read(Stored s) {
        Reader reader = READERS.get(s.resourceType());
        if (reader == null) {
            throw new IllegalArgumentException("not an account type: " + s.resourceType());
        }
        return reader.read(s);
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
