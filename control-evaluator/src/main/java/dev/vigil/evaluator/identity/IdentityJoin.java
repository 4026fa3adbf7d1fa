package dev.vigil.evaluator.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches accounts across sources to the people the identity providers know, by e-mail address. Pure.
 *
 * <p>A person is an e-mail address that at least one identity-provider account carries. Another account belongs
 * to that person when it shows the same address or, when it shows none, when its name is the address or the
 * address's local part and the organisation chose that name (an IAM user named {@code frank.meyer} or
 * {@code frank.meyer@acme.com}; never a GitHub login, which its owner chose). Accounts that match nobody are left
 * out: they are not evidence about leavers.
 */
public final class IdentityJoin {
    private IdentityJoin() {
    }

    /** A person and their accounts: in identity providers, and elsewhere. */
    public record Person(String email, List<Account> identityAccounts, List<Account> otherAccounts) {
        /** Left: every identity-provider account is inactive. */
        public boolean left() {
            return identityAccounts.stream().noneMatch(Account::active);
        }

        /** When they left: the latest deactivation among their identity-provider accounts, if known. */
        public Instant leftAt() {
            return identityAccounts.stream().map(Account::inactiveSince).filter(t -> t != null)
                    .max(Comparator.naturalOrder()).orElse(null);
        }

        public List<Account> activeElsewhere() {
            return otherAccounts.stream().filter(Account::active).toList();
        }
    }

    public static List<Person> join(List<Account> accounts) {
        Map<String, List<Account>> identity = new TreeMap<>();
        for (Account a : accounts) {
            if (a.identityProvider() && a.email() != null) {
                identity.computeIfAbsent(lower(a.email()), e -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<Account>> others = new LinkedHashMap<>();
        Map<String, String> byLocalPart = localParts(identity.keySet());
        for (Account a : accounts) {
            if (a.identityProvider()) {
                continue;
            }
            String email = a.email() != null ? lower(a.email())
                    : a.namedByOrganisation() ? matchByName(a.name(), identity, byLocalPart) : null;
            if (email != null && identity.containsKey(email)) {
                others.computeIfAbsent(email, e -> new ArrayList<>()).add(a);
            }
        }
        List<Person> people = new ArrayList<>();
        identity.forEach((email, ids) -> people.add(new Person(email, sorted(ids),
                sorted(others.getOrDefault(email, List.of())))));
        return people;
    }

    /** What the evaluator stores about a person, as of one moment (the reason's durations are counted to it). */
    public static Map<String, Object> facts(Person p, Instant asOf) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("email", p.email());
        facts.put("left", p.left());
        Instant leftAt = p.left() ? p.leftAt() : null;
        facts.put("leftAt", leftAt == null ? null : leftAt.toString());
        facts.put("daysSinceLeft", leftAt == null ? null : Duration.between(leftAt, asOf).toDays());
        facts.put("identityAccounts", p.identityAccounts().stream().map(IdentityJoin::describe).toList());
        facts.put("otherAccounts", p.otherAccounts().stream().map(IdentityJoin::describe).toList());
        return facts;
    }

    private static Map<String, Object> describe(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", a.system());
        m.put("source", a.source());
        m.put("name", a.name());
        m.put("active", a.active());
        m.put("inactiveSince", a.inactiveSince() == null ? null : a.inactiveSince().toString());
        m.put("resourceKey", a.resourceKey());
        m.put("evidenceId", a.evidenceId());
        return m;
    }

    private static String matchByName(String name, Map<String, List<Account>> identity, Map<String, String> byLocalPart) {
        if (name == null) {
            return null;
        }
        String n = lower(name);
        return identity.containsKey(n) ? n : byLocalPart.get(n);
    }

    /** Local part to address, only where the local part is unambiguous among the people known. */
    private static Map<String, String> localParts(Iterable<String> emails) {
        Map<String, String> map = new TreeMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (String e : emails) {
            int at = e.indexOf('@');
            if (at > 0) {
                String local = e.substring(0, at);
                seen.merge(local, 1, Integer::sum);
                map.put(local, e);
            }
        }
        seen.forEach((local, n) -> {
            if (n > 1) {
                map.remove(local);
            }
        });
        return map;
    }

    private static List<Account> sorted(List<Account> accounts) {
        return accounts.stream().sorted(Comparator.comparing(Account::system).thenComparing(Account::resourceKey)).toList();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
