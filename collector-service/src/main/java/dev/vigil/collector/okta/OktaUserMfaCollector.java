package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.ParallelReads;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Every user of one Okta org with the MFA factors they enrolled and the administrator roles they hold, and the org's
 * active password and sign-on policies (and, in Identity Engine, its authentication policies); or, when an event hook
 * names a user, that user alone, read as a run of everything reads it.
 */
@ApplicationScoped
public class OktaUserMfaCollector implements TargetedCollector {
    public static final String NAME = "okta-user-mfa";
    public static final String TYPE = "okta.user";
    public static final String TYPE_PASSWORD_POLICY = "okta.password-policy";
    public static final String TYPE_SIGN_ON_POLICY = "okta.sign-on-policy";
    /** Identity Engine's authentication policies ({@code type=ACCESS_POLICY}), read only in an Identity Engine org. */
    public static final String TYPE_AUTHENTICATION_POLICY = "okta.authentication-policy";
    /** Target kind: one user, by Okta id ({@code 00u1qw6mqitPHM8AJ0g7}). */
    public static final String TARGET_USER = "user";
    /** Target kind: the org's password, sign-on and authentication policies, all of them (named {@link #POLICIES}). */
    public static final String TARGET_POLICIES = "policies";
    public static final String POLICIES = "all";
    static final String PERMISSION = "okta.users.read";
    /** Reading role assignments (an OAuth scope; an API token has the rights of the administrator who made it). */
    static final String ROLES_PERMISSION = "okta.roles.read";
    /** Reading policies: password, sign-on and authentication policies and their rules (an OAuth scope, as above). */
    static final String POLICIES_PERMISSION = "okta.policies.read";

    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.4.0", "okta",
            List.of(TYPE, TYPE_PASSWORD_POLICY, TYPE_SIGN_ON_POLICY, TYPE_AUTHENTICATION_POLICY),
            List.of(Permission.read("okta", PERMISSION, PERMISSION),
                    Permission.read("okta", ROLES_PERMISSION, ROLES_PERMISSION),
                    Permission.read("okta", POLICIES_PERMISSION, POLICIES_PERMISSION)));

    private final VigilConfig.Okta config;
    private final ProviderHttp http;

    public OktaUserMfaCollector(VigilConfig config, ProviderHttp http) {
        this.config = config.collectors().okta();
        this.http = http;
    }

    @Override
    public CollectorInfo info() {
        return INFO;
    }

    @Override
    public VigilConfig.Schedule schedule() {
        return config;
    }

    @Override
    public SourceRef source() {
        return new SourceRef("okta", domain());
    }

    private String domain() {
        return config.domain().filter(d -> !d.isBlank()).orElseGet(() -> orgUrl().host());
    }

    private HttpUrl orgUrl() {
        HttpUrl url = HttpUrl.parse(config.orgUrl());
        if (url == null) {
            throw new IllegalStateException("vigil.collectors." + NAME + ".org-url is not an http(s) URL: "
                    + config.orgUrl());
        }
        return url;
    }

    @Override
    public void collect(CollectionContext context) {
        OktaApi api = connect(context);
        if (api == null) {
            return;
        }
        collectPasswordPolicies(context, api);
        collectAuthenticationPolicies(context, api, collectSignOnPolicies(context, api));
        Optional<Assignees> admins = roleAssignees(context, api);
        Optional<HttpUrl> next = Optional.of(api.usersUrl(config.pageSize()));
        while (next.isPresent()) {
            OktaApi.Fetched page;
            try {
                page = api.get(next.get(), "GET /api/v1/users");
                Provenance.Citation listed = page.raw() == null ? null
                        : page.raw().cite("GET /api/v1/users", queryParameters(next.get()));
                List<JsonNode> users = new ArrayList<>();
                page.body().forEach(users::add);
                ParallelReads.forEach("okta-users", config.concurrency(), users,
                        user -> collectUser(context, api, user, listed, admins));
                next = api.next(page);
            } catch (IOException e) {
                context.failure(new RunFailure(TYPE, null, "cannot list users: " + e.getMessage(),
                        e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
                return;
            }
        }
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_USER, TARGET_POLICIES);
    }

    /**
     * Reads again what an event named, as a run of everything reads it: the org's policies (a policy or a rule
     * changed), or one user ({@code GET /api/v1/users/{id}} instead of the listing, then the same factors and roles):
     * same keys, same facts. A user Okta no longer has (404) is published as nothing, as a run of everything would
     * no longer list it; the run names it, without a permission, and the next run of everything retires its
     * evidence, as it does a deleted or deactivated policy's.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        if (!TARGET_USER.equals(target.kind()) && !TARGET_POLICIES.equals(target.kind())) {
            throw new IllegalArgumentException(NAME + " cannot read a " + target.kind());
        }
        OktaApi api = connect(context);
        if (api == null) {
            return;
        }
        if (TARGET_POLICIES.equals(target.kind())) {
            collectPasswordPolicies(context, api);
            collectAuthenticationPolicies(context, api, collectSignOnPolicies(context, api));
            return;
        }
        String id = target.name();
        OktaApi.Fetched user;
        try {
            user = api.getObject(api.userUrl(id), "GET /api/v1/users/{id}");
        } catch (IOException e) {
            boolean gone = e instanceof ProviderHttpException p && p.notFound();
            context.failure(new RunFailure(TYPE, key(id), gone
                    ? "user " + id + " no longer exists in Okta (" + e.getMessage() + "): nothing published; the next "
                    + "full collection no longer lists it, and its evidence leaves scope then"
                    : "cannot read user: " + e.getMessage(),
                    !gone && e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
            return;
        }
        Provenance.Citation read = user.raw() == null ? null
                : user.raw().cite("GET /api/v1/users/{id}", Map.of("userId", id));
        collectUser(context, api, user.body(), read, roleAssignees(context, api));
    }

    /**
     * Every active password policy, one item each. The list is read whole first (every page, by Link header): if any
     * page cannot be read nothing is published, since a policy left out would leave its group's passwords unjudged.
     * An inactive policy governs no one and is not published; it leaves scope as a deleted one does.
     */
    private void collectPasswordPolicies(CollectionContext context, OktaApi api) {
        List<PolicyPage> pages;
        try {
            pages = policyPages(api, "PASSWORD");
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE_PASSWORD_POLICY, null, "cannot list password policies: "
                    + e.getMessage(), e instanceof ProviderHttpException p && p.denied() ? POLICIES_PERMISSION : null));
            return;
        }
        for (PolicyPage page : pages) {
            for (JsonNode policy : page.fetched().body()) {
                if (OktaPolicyFacts.active(policy)) {
                    context.evidence(TYPE_PASSWORD_POLICY, policyKey("password-policy", policy.path("id").asText()),
                            OktaPasswordPolicyFacts.of(policy), context.provenance("GET /api/v1/policies",
                                    page.query(), page.fetched().raw(), otherPages(pages, page)));
                }
            }
        }
    }

    /**
     * Every active sign-on policy (the global session policy, in Identity Engine) with its rules, one item each
     * ({@link #collectPoliciesWithRules}).
     *
     * @return the rules of each active policy read, for the authentication policies; null when the listing failed
     */
    private PoliciesRead collectSignOnPolicies(CollectionContext context, OktaApi api) {
        return collectPoliciesWithRules(context, api, "OKTA_SIGN_ON", TYPE_SIGN_ON_POLICY, "sign-on",
                OktaSignOnPolicyFacts::of);
    }

    /**
     * Every active authentication policy (Identity Engine's {@code ACCESS_POLICY}: the policy of the apps assigned
     * to it, and where Identity Engine asks for a second factor) with its rules, one item each, read as the sign-on
     * policies are ({@link #collectPoliciesWithRules}). Each carries what the global session policies just read say of
     * every session, so a one-factor app rule is judged against a session that may already have asked for a second.
     *
     * <p>Only for an Identity Engine org, which the sign-on rules show (their {@code primaryFactor}): Classic Engine
     * has no authentication policies (its sign-on policy alone decides, and its apps' sign-on rules are another
     * API), so nothing is read or published there. When the sign-on policies could not be listed the engine is not
     * known and nothing is read either, and the run names that gap for this type too: a type with no failure would
     * read as read in full, and the authentication policies collected before would leave scope.
     */
    private void collectAuthenticationPolicies(CollectionContext context, OktaApi api, PoliciesRead session) {
        if (session == null) {
            context.failure(new RunFailure(TYPE_AUTHENTICATION_POLICY, null, "not read: without the sign-on "
                    + "policies it is not known whether the org runs Identity Engine, whose authentication policies "
                    + "these are", null));
            return;
        }
        if (session.rules().stream().noneMatch(OktaSignOnPolicyFacts::statesPrimaryFactor)) {
            return; // Classic Engine: only Identity Engine states a sign-on rule's primaryFactor
        }
        Boolean sessionAsked = OktaSignOnPolicyFacts.everySessionRequiresSecondFactor(session.rules(),
                session.whole());
        collectPoliciesWithRules(context, api, "ACCESS_POLICY", TYPE_AUTHENTICATION_POLICY, "authentication",
                (policy, rules) -> OktaAuthenticationPolicyFacts.of(policy, rules, sessionAsked));
    }

    /** The rules of every active policy of one type the run read, and whether none was left out. */
    private record PoliciesRead(List<List<JsonNode>> rules, boolean whole) {
    }

    /**
     * Every active policy of one Okta policy type with its rules, one item each: the listing is read whole first (every
     * page, by Link header), then each active policy's rules (every page). A policy whose rules cannot be read is not
     * published (its rules are what decide who is asked for what); the run names it. An inactive policy governs no
     * one and is not published. The listing page is the item's main answer; the rules answers and the listing's other
     * pages support it.
     *
     * @param kind what the policies are called in keys and failures ({@code sign-on}: {@code sign-on-policy})
     * @return the rules of each active policy read; null when the listing failed (the run names it)
     */
    private PoliciesRead collectPoliciesWithRules(CollectionContext context, OktaApi api, String policyType,
            String resourceType, String kind, BiFunction<JsonNode, List<JsonNode>, Map<String, Object>> facts) {
        List<PolicyPage> pages;
        try {
            pages = policyPages(api, policyType);
        } catch (IOException e) {
            context.failure(new RunFailure(resourceType, null, "cannot list " + kind + " policies: "
                    + e.getMessage(), e instanceof ProviderHttpException p && p.denied() ? POLICIES_PERMISSION : null));
            return null;
        }
        List<List<JsonNode>> read = new ArrayList<>();
        boolean whole = true;
        for (PolicyPage page : pages) {
            for (JsonNode policy : page.fetched().body()) {
                if (!OktaPolicyFacts.active(policy)) {
                    continue;
                }
                String id = policy.path("id").asText();
                String key = policyKey(kind + "-policy", id);
                List<Provenance.Citation> supporting = new ArrayList<>(otherPages(pages, page));
                List<JsonNode> rules;
                try {
                    rules = policyRules(api, id, supporting);
                } catch (IOException e) {
                    context.failure(new RunFailure(resourceType, key, "cannot read the rules of " + kind + " policy "
                            + id + ": " + e.getMessage(),
                            e instanceof ProviderHttpException p && p.denied() ? POLICIES_PERMISSION : null));
                    whole = false;
                    continue;
                }
                read.add(rules);
                context.evidence(resourceType, key, facts.apply(policy, rules),
                        context.provenance("GET /api/v1/policies", page.query(), page.fetched().raw(), supporting));
            }
        }
        return new PoliciesRead(read, whole);
    }

    /** Every page of one policy's rules, by Link header; each page is cited into {@code supporting}. */
    private static List<JsonNode> policyRules(OktaApi api, String policyId, List<Provenance.Citation> supporting)
            throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        Optional<HttpUrl> next = Optional.of(api.policyRulesUrl(policyId));
        while (next.isPresent()) {
            OktaApi.Fetched rulesPage = api.get(next.get(), "GET /api/v1/policies/{id}/rules");
            rulesPage.body().forEach(rules::add);
            if (rulesPage.raw() != null) {
                Map<String, String> query = new LinkedHashMap<>(Map.of("policyId", policyId));
                query.putAll(queryParameters(next.get()));
                supporting.add(rulesPage.raw().cite("GET /api/v1/policies/{id}/rules", query));
            }
            next = api.next(rulesPage);
        }
        return rules;
    }

    /** Every page of the policies of one type, by Link header. */
    private static List<PolicyPage> policyPages(OktaApi api, String type) throws IOException {
        List<PolicyPage> pages = new ArrayList<>();
        Optional<HttpUrl> next = Optional.of(api.policiesUrl(type));
        while (next.isPresent()) {
            OktaApi.Fetched page = api.get(next.get(), "GET /api/v1/policies");
            pages.add(new PolicyPage(page, queryParameters(next.get())));
            next = api.next(page);
        }
        return pages;
    }

    /** The pages other than {@code page}, cited: they show the list was read whole. */
    private static List<Provenance.Citation> otherPages(List<PolicyPage> pages, PolicyPage page) {
        return pages.stream().filter(other -> other != page).map(PolicyPage::cite).filter(Objects::nonNull).toList();
    }

    /** One page of a policy listing and the query it was asked with. */
    private record PolicyPage(OktaApi.Fetched fetched, Map<String, String> query) {
        Provenance.Citation cite() {
            return fetched.raw() == null ? null : fetched.raw().cite("GET /api/v1/policies", query);
        }
    }

    private String policyKey(String kind, String policyId) {
        return "okta:" + domain() + ":" + kind + ":" + policyId;
    }

    /** The API client for one run, or null when there is no token (the run then names the failure). */
    private OktaApi connect(CollectionContext context) {
        if (config.token().isEmpty()) {
            context.failure(new RunFailure(TYPE, null,
                    "no API token configured (vigil.collectors." + NAME + ".token)", PERMISSION));
            return null;
        }
        return new OktaApi(http.forRun(context.raw()), orgUrl(), config.token().get(), context.raw());
    }

    private String key(String userId) {
        return "okta:" + domain() + ":user:" + userId;
    }

    /** Who holds an administrator role, and the listing's pages that say so (cited for a user holding none). */
    private record Assignees(Set<String> ids, List<Provenance.Citation> pages) {
    }

    /**
     * Who holds an administrator role, from one listing for the whole org, so only administrators cost a further
     * call. Empty when it cannot be read: the run names the failure (and the permission when denied), and users are
     * still published, with their roles unknown rather than none.
     */
    private Optional<Assignees> roleAssignees(CollectionContext context, OktaApi api) {
        Set<String> ids = new HashSet<>();
        List<Provenance.Citation> pages = new ArrayList<>();
        Optional<HttpUrl> next = Optional.of(api.roleAssigneesUrl());
        try {
            while (next.isPresent()) {
                OktaApi.Fetched page = api.getObject(next.get(), "GET /api/v1/iam/assignees/users");
                ids.addAll(OktaAdminRoles.assigneeIds(page.body()));
                if (page.raw() != null) {
                    pages.add(page.raw().cite("GET /api/v1/iam/assignees/users", queryParameters(next.get())));
                }
                next = api.nextInBody(page);
            }
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE, null, "cannot list administrator role assignments: "
                    + e.getMessage(), e instanceof ProviderHttpException p && p.denied() ? ROLES_PERMISSION : null));
            return Optional.empty();
        }
        return Optional.of(new Assignees(ids, pages));
    }

    /** The query of a page as sent (its size, and the cursor past the first page). */
    private static Map<String, String> queryParameters(HttpUrl url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        url.queryParameterNames().forEach(name -> parameters.put(name, url.queryParameter(name)));
        return parameters;
    }

    /**
     * @param listed the answer {@code user} was read from (a users page, or the user itself), cited for the profile
     *               and status
     */
    private void collectUser(CollectionContext context, OktaApi api, JsonNode user, Provenance.Citation listed,
            Optional<Assignees> admins) {
        String id = user.path("id").asText();
        String key = key(id);
        OktaApi.Fetched factors;
        try {
            factors = api.get(api.factorsUrl(id), "GET /api/v1/users/{id}/factors");
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE, key, "cannot read factors: " + e.getMessage(),
                    e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
            return;
        }
        Map<String, String> parameters = Map.of("userId", id);
        // the factors are the main answer; the profile comes from the users page, the roles as cited below
        List<Provenance.Citation> supporting = new ArrayList<>();
        if (listed != null) {
            supporting.add(listed);
        }
        List<String> adminRoles = null;
        if (admins.isPresent() && !admins.get().ids().contains(id)) {
            // "no role" is read from the whole listing of role holders, every page of it
            adminRoles = List.of();
            supporting.addAll(admins.get().pages());
        } else if (admins.isPresent()) {
            try {
                OktaApi.Fetched roles = api.get(api.rolesUrl(id), "GET /api/v1/users/{id}/roles");
                adminRoles = OktaAdminRoles.roleTypes(roles.body());
                if (roles.raw() != null) {
                    supporting.add(roles.raw().cite("GET /api/v1/users/{id}/roles", parameters));
                }
            } catch (IOException e) {
                // The user is still published (factors are known), with roles unknown; the run names the gap.
                context.failure(new RunFailure(TYPE, key, "cannot read administrator roles: " + e.getMessage(),
                        e instanceof ProviderHttpException p && p.denied() ? ROLES_PERMISSION : null));
            }
        }
        context.evidence(TYPE, key, OktaUserFacts.of(user, factors.body(), adminRoles),
                context.provenance("GET /api/v1/users/{id}/factors", parameters, factors.raw(), supporting));
    }
}
