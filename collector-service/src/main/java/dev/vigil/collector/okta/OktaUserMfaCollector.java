package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every user of one Okta org with the MFA factors they enrolled. */
@ApplicationScoped
public class OktaUserMfaCollector implements Collector {
    public static final String NAME = "okta-user-mfa";
    public static final String TYPE = "okta.user";
    static final String PERMISSION = "okta.users.read";

    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "okta", List.of(TYPE),
            List.of(Permission.read("okta", PERMISSION, PERMISSION)));

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
        if (config.token().isEmpty()) {
            context.failure(new RunFailure(TYPE, null,
                    "no API token configured (vigil.collectors." + NAME + ".token)", PERMISSION));
            return;
        }
        OktaApi api = new OktaApi(http.forRun(context.raw()), orgUrl(), config.token().get(), context.raw());
        Optional<HttpUrl> next = Optional.of(api.usersUrl(config.pageSize()));
        while (next.isPresent()) {
            OktaApi.Fetched page;
            try {
                page = api.get(next.get(), "GET /api/v1/users");
                for (JsonNode user : page.body()) {
                    collectUser(context, api, user, page);
                }
                next = api.next(page);
            } catch (IOException e) {
                context.failure(new RunFailure(TYPE, null, "cannot list users: " + e.getMessage(),
                        e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
                return;
            }
        }
    }

    private void collectUser(CollectionContext context, OktaApi api, JsonNode user, OktaApi.Fetched page) {
        String id = user.path("id").asText();
        String key = "okta:" + domain() + ":user:" + id;
        OktaApi.Fetched factors;
        try {
            factors = api.get(api.factorsUrl(id), "GET /api/v1/users/{id}/factors");
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE, key, "cannot read factors: " + e.getMessage(),
                    e instanceof ProviderHttpException p && p.denied() ? PERMISSION : null));
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("userId", id);
        if (page.raw() != null) {
            parameters.put("usersResponseSha256", page.raw().sha256());
        }
        context.evidence(TYPE, key, OktaUserFacts.of(user, factors.body()),
                context.provenance("GET /api/v1/users/{id}/factors", parameters, factors.raw()));
    }
}
