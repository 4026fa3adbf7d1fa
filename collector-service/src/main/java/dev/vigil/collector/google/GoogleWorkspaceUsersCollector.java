package dev.vigil.collector.google;

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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every user of one Google Workspace customer with their 2-Step Verification enrolment and enforcement, admin
 * role, suspension and last login, read through the Admin SDK Directory API by a service account with
 * domain-wide delegation of the read-only user scope, acting for an administrator; and the customer's password
 * policies and 2-Step Verification enforcement, read through the Cloud Identity Policy API with its own delegated
 * scope. One user can be read again alone ({@link #TARGET_USER}), as an admin audit event names it.
 */
@ApplicationScoped
public class GoogleWorkspaceUsersCollector implements TargetedCollector {
    public static final String NAME = "google-workspace-users";
    public static final String TYPE = "google.user";
    /** A password policy of the Cloud Identity Policy API, one per organisational unit or group it applies to. */
    public static final String TYPE_PASSWORD_POLICY = "google.password-policy";
    /** A 2-Step Verification enforcement policy, one per organisational unit or group it applies to. */
    public static final String TYPE_TWO_STEP_POLICY = "google.two-step-verification-policy";
    /** A user by primary email or id (the Directory API's {@code userKey}), as an admin audit event names it. */
    public static final String TARGET_USER = "user";
    static final String USER_OPERATION = "GET /admin/directory/v1/users/{userKey}";
    static final String PERMISSION = DirectoryApi.SCOPE + " (domain-wide delegation)";
    static final String OPERATION = "GET /admin/directory/v1/users";
    /**
     * The Policy API's filter on setting type, the password and 2-Step Verification enforcement settings: a regular
     * expression inside a CEL string, so its backslash is escaped as Google's own examples do
     * ({@code '^settings/gmail\\..*$'}).
     */
    static final String SECURITY_SETTINGS = "^settings/security\\\\.(password|two_step_verification_enforcement)$";

    static final String POLICIES_PERMISSION = PolicyApi.SCOPE + " (domain-wide delegation)";

    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "google", List.of(TYPE, TYPE_PASSWORD_POLICY,
            TYPE_TWO_STEP_POLICY),
            List.of(Permission.read("google", DirectoryApi.SCOPE, PERMISSION),
                    Permission.read("google", PolicyApi.SCOPE, POLICIES_PERMISSION)));

    private final VigilConfig.Google config;
    private final ProviderHttp http;

    public GoogleWorkspaceUsersCollector(VigilConfig config, ProviderHttp http) {
        this.config = config.collectors().google();
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
        return new SourceRef("google", config.domain());
    }

    @Override
    public void collect(CollectionContext context) {
        DirectoryApi api = connect(context);
        if (api == null) {
            return;
        }
        collectPasswordPolicies(context);
        String pageToken = null;
        do {
            DirectoryApi.Page page;
            try {
                page = api.users(api.usersUrl(config.customer(), config.pageSize(), pageToken));
            } catch (IOException e) {
                context.failure(new RunFailure(TYPE, null, "cannot list users: " + e.getMessage(),
                        e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
                return;
            }
            for (JsonNode user : page.users()) {
                String id = user.path("id").asText();
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("customer", config.customer());
                parameters.put("userId", id);
                if (pageToken != null) {
                    parameters.put("pageToken", pageToken);
                }
                context.evidence(TYPE, key(id), GoogleUserFacts.of(user),
                        context.provenance(OPERATION, parameters, page.raw()));
            }
            pageToken = page.nextPageToken();
        } while (pageToken != null);
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_USER);
    }

    /**
     * Reads one user again as a run of everything reads it ({@code users.get}, basic projection, instead of the
     * listing): same key (the user's id, read from the answer), same facts. A user the Directory API no longer has
     * (404) is published as nothing; the run names it without a permission, and the next run of everything retires
     * its evidence.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        if (!TARGET_USER.equals(target.kind())) {
            throw new IllegalArgumentException(NAME + " cannot read a " + target.kind());
        }
        DirectoryApi api = connect(context);
        if (api == null) {
            return;
        }
        String userKey = target.name();
        JsonBodies.Fetched user;
        try {
            user = api.user(api.userUrl(userKey));
        } catch (IOException e) {
            boolean gone = e instanceof ProviderHttpException p && p.notFound();
            context.failure(new RunFailure(TYPE, null, gone
                    ? "user " + userKey + " no longer exists in Google Workspace (" + e.getMessage() + "): nothing "
                    + "published; the next full collection no longer lists it, and its evidence leaves scope then"
                    : "cannot read user " + userKey + ": " + e.getMessage(),
                    !gone && e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
            return;
        }
        String id = user.json().path("id").asText("");
        if (id.isEmpty()) {
            context.failure(new RunFailure(TYPE, null, "users.get for " + userKey + " answered no user id", null));
            return;
        }
        context.evidence(TYPE, key(id), GoogleUserFacts.of(user.json()),
                context.provenance(USER_OPERATION, Map.of("userKey", userKey), user.raw()));
    }

    /**
     * Every password policy and 2-Step Verification enforcement policy of the customer (Cloud Identity Policy API,
     * every page by {@code nextPageToken}), one item each. The list is read whole first: if a page cannot be read nothing is published, since a policy left out
     * would leave its organisational unit's passwords unjudged. Its own token, with its own scope: a refusal (the
     * scope not delegated, or a 403) names the scope, and the users are still collected.
     */
    private void collectPasswordPolicies(CollectionContext context) {
        PolicyApi api = new PolicyApi(http.forRun(context.raw()), url(config.policiesUrl(), "policies-url"),
                context.raw());
        List<PolicyApi.Page> pages = new ArrayList<>();
        List<Map<String, String>> queries = new ArrayList<>();
        try {
            ServiceAccountKey key = ServiceAccountKey.read(Path.of(config.credentialsFile().orElseThrow()));
            api.signIn(key, config.subject(), url(config.tokenUrl().orElse(key.tokenUri()), "token-url"), Instant.now());
            String pageToken = null;
            do {
                HttpUrl pageUrl = api.policiesUrl(config.customer(), SECURITY_SETTINGS, pageToken);
                pages.add(api.policies(pageUrl));
                Map<String, String> query = new LinkedHashMap<>();
                pageUrl.queryParameterNames().forEach(n -> query.put(n, pageUrl.queryParameter(n)));
                queries.add(query);
                pageToken = pages.get(pages.size() - 1).nextPageToken();
            } while (pageToken != null);
        } catch (IOException | IllegalArgumentException e) {
            String permission = e instanceof ProviderHttpException p && (p.denied() || p.status() == 400)
                    ? POLICIES_PERMISSION : null;
            context.failure(new RunFailure(TYPE_PASSWORD_POLICY, null, "cannot list password policies: "
                    + e.getMessage(), permission));
            context.failure(new RunFailure(TYPE_TWO_STEP_POLICY, null, "cannot list 2-Step Verification "
                    + "enforcement policies: " + e.getMessage(), permission));
            return;
        }
        Instant observedAt = Instant.now();
        for (int i = 0; i < pages.size(); i++) {
            // the main answer is the page listing the policy; the other pages show the list was read whole
            List<Provenance.Citation> otherPages = new ArrayList<>();
            for (int j = 0; j < pages.size(); j++) {
                if (j != i && pages.get(j).raw() != null) {
                    otherPages.add(pages.get(j).raw().cite(PolicyApi.OPERATION, queries.get(j)));
                }
            }
            for (JsonNode policy : pages.get(i).policies()) {
                if (GooglePasswordPolicyFacts.isPasswordPolicy(policy)) {
                    context.evidence(TYPE_PASSWORD_POLICY, "google:" + config.domain() + ":password-policy:"
                                    + GooglePasswordPolicyFacts.id(policy), GooglePasswordPolicyFacts.of(policy),
                            context.provenance(PolicyApi.OPERATION, queries.get(i), pages.get(i).raw(), otherPages));
                } else if (GoogleTwoStepPolicyFacts.isTwoStepPolicy(policy)) {
                    context.evidence(TYPE_TWO_STEP_POLICY, "google:" + config.domain()
                                    + ":two-step-verification-policy:" + GooglePasswordPolicyFacts.id(policy),
                            GoogleTwoStepPolicyFacts.of(policy, observedAt),
                            context.provenance(PolicyApi.OPERATION, queries.get(i), pages.get(i).raw(), otherPages));
                }
            }
        }
    }

    /** The Directory API signed in for one run, or null when it cannot be (the run then names the failure). */
    private DirectoryApi connect(CollectionContext context) {
        if (config.credentialsFile().isEmpty()) {
            context.failure(new RunFailure(TYPE, null, "no service account key configured (vigil.collectors." + NAME
                    + ".credentials-file)", PERMISSION));
            return null;
        }
        DirectoryApi api = new DirectoryApi(http.forRun(context.raw()), url(config.directoryUrl(), "directory-url"),
                context.raw());
        try {
            ServiceAccountKey key = ServiceAccountKey.read(Path.of(config.credentialsFile().get()));
            api.signIn(key, config.subject(), url(config.tokenUrl().orElse(key.tokenUri()), "token-url"), Instant.now());
        } catch (IOException | IllegalArgumentException e) {
            // unauthorized_client here usually means the delegation of the scope to the service account is missing
            context.failure(new RunFailure(TYPE, null, "cannot sign in as " + config.subject() + ": " + e.getMessage(),
                    e instanceof ProviderHttpException p && (p.denied() || p.status() == 400) ? PERMISSION : null));
            return null;
        }
        return api;
    }

    private String key(String id) {
        return "google:" + config.domain() + ":user:" + id;
    }

    private static HttpUrl url(String value, String key) {
        HttpUrl url = HttpUrl.parse(value);
        if (url == null) {
            throw new IllegalStateException("vigil.collectors." + NAME + "." + key + " is not an http(s) URL: " + value);
        }
        return url;
    }
}
