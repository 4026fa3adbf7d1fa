package dev.vigil.collector.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every user of one Microsoft Entra ID tenant, with whether they registered a multi-factor method, are an
 * administrator, can sign in, and when they last did. Reads Microsoft Graph with an app registration's client
 * credentials (application permissions {@code User.Read.All} and {@code AuditLog.Read.All}), and the tenant's sign-in
 * policy, whether MFA is enforced by security defaults or conditional access ({@code Policy.Read.All}). One user can be read
 * again alone ({@link #TARGET_USER}, by object id), as a Graph change notification names it.
 */
@ApplicationScoped
public class EntraIdUsersCollector implements TargetedCollector {
    public static final String NAME = "entra-id-users";
    public static final String TYPE = "entra.user";
    /** The tenant's sign-in policy: security defaults and conditional access, one item per tenant. */
    public static final String TYPE_SIGN_IN_POLICY = "entra.sign-in-policy";
    /** A user by object id (a GUID), as Graph's change notifications name it ({@code Users/<id>}). */
    public static final String TARGET_USER = "user";
    static final String USER = "GET /v1.0/users/{id}";
    static final String REGISTRATION = "GET /v1.0/reports/authenticationMethods/userRegistrationDetails/{id}";
    private static final String SELECT = "id,userPrincipalName,mail,accountEnabled,userType,createdDateTime,"
            + "signInActivity";
    /**
     * Each user's manager, by address, for access reviews (GET /users?$expand=manager, as Graph documents it). Graph
     * answers at most 100 users a page when a relationship is expanded, whatever $top asks: the next links follow.
     */
    private static final String EXPAND = "manager($select=id,mail,userPrincipalName)";
    static final String USERS_PERMISSION = "User.Read.All";
    /** Registration details and sign-in activity are audit data in Graph's permission model. */
    static final String AUDIT_PERMISSION = "AuditLog.Read.All";
    static final String USERS = "GET /v1.0/users";
    static final String REGISTRATIONS = "GET /v1.0/reports/authenticationMethods/userRegistrationDetails";
    /** Reading security defaults and conditional access policies. */
    static final String POLICY_PERMISSION = "Policy.Read.All";
    static final String SECURITY_DEFAULTS = "GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy";
    static final String CONDITIONAL_ACCESS = "GET /v1.0/identity/conditionalAccess/policies";

    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "entra", List.of(TYPE, TYPE_SIGN_IN_POLICY),
            List.of(Permission.read("entra", USERS_PERMISSION, USERS_PERMISSION),
                    Permission.read("entra", AUDIT_PERMISSION, AUDIT_PERMISSION),
                    Permission.read("entra", POLICY_PERMISSION, POLICY_PERMISSION)));

    private final VigilConfig.Entra config;
    private final ProviderHttp http;

    public EntraIdUsersCollector(VigilConfig config, ProviderHttp http) {
        this.config = config.collectors().entra();
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
        return new SourceRef("entra", config.tenantDomain().filter(d -> !d.isBlank()).orElse(config.tenantId()));
    }

    @Override
    public void collect(CollectionContext context) {
        GraphApi graph = connect(context);
        if (graph == null) {
            return;
        }
        collectSignInPolicy(context, graph);
        Map<String, Registration> registrations;
        try {
            registrations = registrations(graph);
        } catch (IOException e) {
            // Without registration details no user's MFA can be judged: report the gap, publish nothing partial.
            context.failure(new RunFailure(TYPE, null, "cannot read authentication-method registration details: "
                    + e.getMessage(), denied(e) ? AUDIT_PERMISSION : null));
            return;
        }
        HttpUrl next = graph.url("users", "$select", SELECT, "$expand", EXPAND, "$top",
                Integer.toString(config.pageSize()));
        while (next != null) {
            GraphApi.Page page;
            try {
                page = graph.page(next, USERS);
            } catch (IOException e) {
                context.failure(new RunFailure(TYPE, null, "cannot list users: " + e.getMessage(),
                        denied(e) ? USERS_PERMISSION + " and " + AUDIT_PERMISSION : null));
                return;
            }
            for (JsonNode user : page.items()) {
                String id = user.path("id").asText();
                Registration registration = registrations.get(id);
                context.evidence(TYPE, key(id),
                        EntraUserFacts.of(user, registration == null ? null : registration.details()),
                        context.provenance(USERS, Map.of("userId", id), page.raw(), registration == null
                                || registration.page() == null ? List.of() : List.of(registration.page())));
            }
            next = page.next();
        }
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_USER);
    }

    /**
     * Reads one user again as a run of everything reads it, with Graph's calls for that user alone
     * ({@code GET /users/{id}} and its registration details instead of the listings): same key, same facts. A user
     * Graph no longer lists (deleted, soft-deleted included: 404) is published as nothing, as a run of everything
     * would no longer list it; the run names it without a permission, and the next run of everything retires its
     * evidence. Registration details Graph does not have for the user (404) leave MFA unknown, as in a full run.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        if (!TARGET_USER.equals(target.kind())) {
            throw new IllegalArgumentException(NAME + " cannot read a " + target.kind());
        }
        GraphApi graph = connect(context);
        if (graph == null) {
            return;
        }
        String id = target.name();
        JsonBodies.Fetched user;
        try {
            user = graph.object(graph.url("users/" + id, "$select", SELECT, "$expand", EXPAND), USER);
        } catch (IOException e) {
            boolean gone = e instanceof ProviderHttpException p && p.notFound();
            context.failure(new RunFailure(TYPE, key(id), gone
                    ? "user " + id + " no longer exists in Entra ID (" + e.getMessage() + "): nothing published; the "
                    + "next full collection no longer lists it, and its evidence leaves scope then"
                    : "cannot read user: " + e.getMessage(), !gone && denied(e) ? USERS_PERMISSION : null));
            return;
        }
        JsonNode registration = null;
        List<Provenance.Citation> supporting = List.of();
        try {
            JsonBodies.Fetched details = graph.object(
                    graph.url("reports/authenticationMethods/userRegistrationDetails/" + id), REGISTRATION);
            registration = details.json();
            if (details.raw() != null) {
                supporting = List.of(details.raw().cite(REGISTRATION, Map.of("userId", id)));
            }
        } catch (IOException e) {
            if (!(e instanceof ProviderHttpException p && p.notFound())) {
                // as in a full run: without registration details the user's MFA cannot be judged; publish nothing
                context.failure(new RunFailure(TYPE, key(id), "cannot read authentication-method registration "
                        + "details: " + e.getMessage(), denied(e) ? AUDIT_PERMISSION : null));
                return;
            }
        }
        context.evidence(TYPE, key(id), EntraUserFacts.of(user.json(), registration),
                context.provenance(USER, Map.of("userId", id), user.raw(), supporting));
    }

    /**
     * The tenant's sign-in policy, one item: security defaults and every conditional access policy (every page, by
     * {@code @odata.nextLink}). Both are read before anything is published: MFA for everyone can come from either, so
     * a refusal of one (403: no {@code Policy.Read.All}) publishes nothing and names the permission, never half a
     * picture that would read as no enforcement (or as enforcement). Users are still collected.
     */
    private void collectSignInPolicy(CollectionContext context, GraphApi graph) {
        JsonBodies.Fetched defaults;
        List<JsonNode> policies = new ArrayList<>();
        List<Provenance.Citation> supporting = new ArrayList<>();
        try {
            defaults = graph.object(graph.url("policies/identitySecurityDefaultsEnforcementPolicy"),
                    SECURITY_DEFAULTS);
            HttpUrl next = graph.url("identity/conditionalAccess/policies");
            while (next != null) {
                GraphApi.Page page = graph.page(next, CONDITIONAL_ACCESS);
                policies.addAll(page.items());
                if (page.raw() != null) {
                    supporting.add(page.raw().cite(CONDITIONAL_ACCESS, query(next)));
                }
                next = page.next();
            }
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE_SIGN_IN_POLICY, null, "cannot read the sign-in policy (security "
                    + "defaults and conditional access): " + e.getMessage(), denied(e) ? POLICY_PERMISSION : null));
            return;
        }
        context.evidence(TYPE_SIGN_IN_POLICY, "entra:" + source().account() + ":sign-in-policy",
                EntraSignInPolicyFacts.of(defaults.json(), policies),
                context.provenance(SECURITY_DEFAULTS, Map.of(), defaults.raw(), supporting));
    }

    /** Graph signed in for one run, or null when it cannot be (the run then names the failure). */
    private GraphApi connect(CollectionContext context) {
        if (config.clientSecret().isEmpty()) {
            context.failure(new RunFailure(TYPE, null, "no client secret configured (vigil.collectors." + NAME
                    + ".client-secret)", USERS_PERMISSION));
            return null;
        }
        GraphApi graph = new GraphApi(http.forRun(context.raw()), url(config.graphUrl(), "graph-url"), context.raw());
        try {
            graph.signIn(url(config.authorityUrl(), "authority-url"), config.tenantId(), config.clientId(),
                    config.clientSecret().get());
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE, null, "cannot sign in to tenant " + config.tenantId() + ": "
                    + e.getMessage(), null));
            return null;
        }
        return graph;
    }

    private String key(String userId) {
        return "entra:" + source().account() + ":user:" + userId;
    }

    /** A user's registration details and the page they were read from (cited beside the users page). */
    private record Registration(JsonNode details, Provenance.Citation page) {
    }

    private Map<String, Registration> registrations(GraphApi graph) throws IOException {
        Map<String, Registration> byUser = new HashMap<>();
        HttpUrl next = graph.url("reports/authenticationMethods/userRegistrationDetails", "$top",
                Integer.toString(config.pageSize()));
        while (next != null) {
            GraphApi.Page page = graph.page(next, REGISTRATIONS);
            Provenance.Citation cited = page.raw() == null ? null : page.raw().cite(REGISTRATIONS, query(next));
            page.items().forEach(r -> byUser.put(r.path("id").asText(), new Registration(r, cited)));
            next = page.next();
        }
        return byUser;
    }

    /** A page's query as sent ({@code $top}, and Graph's {@code $skiptoken} past the first page). */
    private static Map<String, String> query(HttpUrl url) {
        Map<String, String> query = new LinkedHashMap<>();
        url.queryParameterNames().forEach(name -> query.put(name, url.queryParameter(name)));
        return query;
    }

    private static boolean denied(IOException e) {
        return e instanceof ProviderHttpException p && p.denied();
    }

    private static HttpUrl url(String value, String key) {
        HttpUrl url = HttpUrl.parse(value);
        if (url == null) {
            throw new IllegalStateException("vigil.collectors." + NAME + "." + key + " is not an http(s) URL: " + value);
        }
        return url;
    }
}
