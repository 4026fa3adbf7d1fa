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
 * to that person when it is attributed to the same address (the address it shows, its SAML or SCIM identity, its
 * verified-domain e-mail, the operator's mapping file, its IAM e-mail tag: {@link Account#joinedBy()}) or, when
 * nothing attributes one, when its name is the address or the address's local part and the organisation chose that
 * name (an IAM user named {@code frank.meyer} or {@code frank.meyer@acme.com}; never a GitHub login, which its owner
 * chose). Every other account is attributed to no one ({@link Attribution}): a declared service account answers to
 * its owner, the rest is access nobody answers for.
 */
public final class IdentityJoin {
    private IdentityJoin() {
    }

    /** A bot or service account declared in configuration, with the person or team that answers for it. */
    public record ServiceAccount(String system, String name, String owner, String purpose) {
        boolean declares(Account a) {
            return system.equalsIgnoreCase(a.system()) && a.name() != null && name.equalsIgnoreCase(a.name());
        }
    }

    /**
     * Who an account outside the identity providers is attributed to.
     *
     * @param account          the account, with {@code joinedBy} set when it was attributed
     * @param attributedTo     the person's address, or null when it is no one in the identity providers
     * @param reason           how it was attributed, or why it is not
     * @param attributionKnown false when what attributes accounts could not be read (all of it): an unattributed
     *                         account may be someone's after all
     * @param serviceAccount   its declaration as a service account, or null
     */
    public record Attribution(Account account, String attributedTo, String reason, boolean attributionKnown,
                              ServiceAccount serviceAccount) {
    }

    /** The people, and every account outside the identity providers with its attribution. */
    public record Result(List<Person> people, List<Attribution> accounts) {
    }

    /** A person and their accounts: in identity providers, and elsewhere (each with how it was joined). */
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

    /** The people, joined with no declared service accounts and complete identity providers. */
    public static List<Person> join(List<Account> accounts) {
        return join(accounts, List.of(), true).people();
    }

    /**
     * @param serviceAccounts           the declared bots and service accounts
     * @param identityProvidersComplete false when an identity provider was not read in full: an account matching
     *                                  no one known may be the account of someone unread, so its attribution is
     *                                  unknown rather than absent
     */
    public static Result join(List<Account> accounts, List<ServiceAccount> serviceAccounts,
                              boolean identityProvidersComplete) {
        Map<String, List<Account>> identity = new TreeMap<>();
        for (Account a : accounts) {
            if (a.identityProvider() && a.email() != null) {
                identity.computeIfAbsent(lower(a.email()), e -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<Account>> others = new LinkedHashMap<>();
        List<Attribution> attributions = new ArrayList<>();
        Map<String, String> byLocalPart = localParts(identity.keySet());
        for (Account a : accounts) {
            if (a.identityProvider()) {
                continue;
            }
            ServiceAccount declared = serviceAccounts.stream().filter(s -> s.declares(a)).findFirst().orElse(null);
            String byName = a.email() == null && a.namedByOrganisation()
                    ? matchByName(a.name(), identity, byLocalPart) : null;
            Account joined = byName != null ? a.joined(byName, JoinedBy.NAME) : a;
            String email = joined.email() == null ? null : lower(joined.email());
            if (email != null && identity.containsKey(email)) {
                others.computeIfAbsent(email, e -> new ArrayList<>()).add(joined);
                attributions.add(new Attribution(joined, email, "attributed to " + email + " by "
                        + JoinedBy.describe(joined.joinedBy()), true, declared));
                continue;
            }
            String why = email != null
                    ? "by " + JoinedBy.describe(joined.joinedBy()) + " it is " + email
                    + ", an address no identity-provider account carries"
                    : a.notFound() != null ? a.notFound() : "nothing attributes it to an address";
            boolean known = declared != null || a.attributionKnown() && identityProvidersComplete;
            if (declared == null && a.attributionKnown() && !identityProvidersComplete) {
                why += "; and the identity providers were not all read";
            }
            attributions.add(new Attribution(joined, null, why, known, declared));
        }
        List<Person> people = new ArrayList<>();
        identity.forEach((email, ids) -> people.add(new Person(email, sorted(ids),
                sorted(others.getOrDefault(email, List.of())))));
        attributions.sort(Comparator.comparing((Attribution t) -> t.account().system())
                .thenComparing(t -> t.account().resourceKey()));
        return new Result(people, attributions);
    }

    /** What the evaluator stores about an account outside the identity providers ({@code identity.account}). */
    public static Map<String, Object> facts(Attribution t) {
        Account a = t.account();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("system", a.system());
        facts.put("source", a.source());
        facts.put("name", a.name());
        facts.put("resourceKey", a.resourceKey());
        facts.put("evidenceId", a.evidenceId());
        facts.put("attributedTo", t.attributedTo());
        facts.put("joinedBy", t.attributedTo() == null ? null : a.joinedBy());
        facts.put("reason", t.reason());
        facts.put("attributionKnown", t.attributionKnown());
        Map<String, Object> service = null;
        if (t.serviceAccount() != null) {
            service = new LinkedHashMap<>();
            service.put("owner", t.serviceAccount().owner());
            service.put("purpose", t.serviceAccount().purpose());
        }
        facts.put("serviceAccount", service);
        return facts;
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
        m.put("joinedBy", a.joinedBy());
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
