package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud Identity Policy API ({@code GET https://cloudidentity.googleapis.com/v1/policies}), read by the same
 * service account as the Directory API with its own delegated scope, page by page through {@code nextPageToken}.
 */
final class PolicyApi {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-identity.policies.readonly";
    static final String OPERATION = "GET /v1/policies";
    /** The most the API returns in a page. */
    static final int PAGE_SIZE = 100;

    /** One page of policies and the raw response they came from. */
    record Page(List<JsonNode> policies, RawResponse raw, String nextPageToken) {
    }

    private final OkHttpClient client;
    private final HttpUrl base;
    private final RawResponses raw;
    private String accessToken;

    PolicyApi(OkHttpClient client, HttpUrl base, RawResponses raw) {
        this.client = client;
        this.base = base;
        this.raw = raw;
    }

    /** A token for the policy scope alone: a delegation that lacks it must not cost the users their read. */
    void signIn(ServiceAccountKey key, String subject, HttpUrl tokenUrl, Instant now) throws IOException {
        accessToken = DirectoryApi.token(client, key, subject, SCOPE, tokenUrl, now);
    }

    /**
     * The customer's policies of the settings whose type matches {@code settingType} (a CEL regular expression, as
     * the API's filter takes it): {@code <base>/v1/policies?filter=...&pageSize=100[&pageToken=...]}.
     */
    HttpUrl policiesUrl(String customer, String settingType, String pageToken) {
        HttpUrl.Builder b = base.newBuilder().addPathSegments("v1/policies")
                .addQueryParameter("filter", filter(customer, settingType))
                .addQueryParameter("pageSize", Integer.toString(PAGE_SIZE));
        if (pageToken != null) {
            b.addQueryParameter("pageToken", pageToken);
        }
        return b.build();
    }

    static String filter(String customer, String settingType) {
        return "customer == \"customers/" + customer + "\" && setting.type.matches('" + settingType + "')";
    }

    Page policies(HttpUrl url) throws IOException {
        if (accessToken == null) {
            throw new IllegalStateException("signIn first");
        }
        JsonBodies.Fetched page = JsonBodies.getObject(client, url, accessToken, raw, OPERATION);
        List<JsonNode> policies = new ArrayList<>();
        page.json().path("policies").forEach(policies::add);
        String next = page.json().hasNonNull("nextPageToken") && !page.json().get("nextPageToken").asText().isEmpty()
                ? page.json().get("nextPageToken").asText() : null;
        return new Page(policies, page.raw(), next);
    }
}
