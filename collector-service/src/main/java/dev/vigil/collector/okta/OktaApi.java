package dev.vigil.collector.okta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.CaptureInterceptor;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.collector.http.LinkHeader;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.common.evidence.EventCodec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The Okta API v1 calls the collector makes, with {@code SSWS} token auth and Okta's two kinds of pagination. */
final class OktaApi {
    /** A parsed JSON answer, the raw response it came from and its Link headers. */
    record Fetched(JsonNode body, RawResponse raw, List<String> links) {
    }

    private final OkHttpClient client;
    private final HttpUrl orgUrl;
    private final String token;
    private final RawResponses raw;

    OktaApi(OkHttpClient client, HttpUrl orgUrl, String token, RawResponses raw) {
        this.client = client;
        this.orgUrl = orgUrl;
        this.token = token;
        this.raw = raw;
    }

    HttpUrl usersUrl(int limit) {
        return orgUrl.newBuilder().addPathSegments("api/v1/users")
                .addQueryParameter("limit", Integer.toString(limit)).build();
    }

    HttpUrl userUrl(String userId) {
        return orgUrl.newBuilder().addPathSegments("api/v1/users").addPathSegment(userId).build();
    }

    HttpUrl factorsUrl(String userId) {
        return orgUrl.newBuilder().addPathSegments("api/v1/users").addPathSegment(userId).addPathSegment("factors")
                .build();
    }

    /**
     * The org's policies of one type ({@code PASSWORD}, {@code OKTA_SIGN_ON}, {@code ACCESS_POLICY}), in priority
     * order (Okta lists them so).
     */
    HttpUrl policiesUrl(String type) {
        return orgUrl.newBuilder().addPathSegments("api/v1/policies").addQueryParameter("type", type).build();
    }

    /** One policy's rules, in priority order. */
    HttpUrl policyRulesUrl(String policyId) {
        return orgUrl.newBuilder().addPathSegments("api/v1/policies").addPathSegment(policyId).addPathSegment("rules")
                .build();
    }

    /** Users with an administrator role assignment (one listing for the whole org). */
    HttpUrl roleAssigneesUrl() {
        return orgUrl.newBuilder().addPathSegments("api/v1/iam/assignees/users").build();
    }

    HttpUrl rolesUrl(String userId) {
        return orgUrl.newBuilder().addPathSegments("api/v1/users").addPathSegment(userId).addPathSegment("roles")
                .build();
    }

    /** The next page by Link header, only if it points back at the same org (the token must not go elsewhere). */
    Optional<HttpUrl> next(Fetched page) throws IOException {
        Optional<String> link = LinkHeader.next(page.links());
        return link.isEmpty() ? Optional.empty() : Optional.of(withinOrg(link.get()));
    }

    /** The next page of a listing that pages in its body ({@code _links.next.href}), under the same guard. */
    Optional<HttpUrl> nextInBody(Fetched page) throws IOException {
        Optional<String> link = OktaAdminRoles.next(page.body());
        return link.isEmpty() ? Optional.empty() : Optional.of(withinOrg(link.get()));
    }

    private HttpUrl withinOrg(String link) throws IOException {
        HttpUrl next = HttpUrl.parse(link);
        if (next == null || !next.scheme().equals(orgUrl.scheme()) || !next.host().equals(orgUrl.host())
                || next.port() != orgUrl.port()) {
            throw new IOException("refusing to follow a next link outside the Okta org: " + link);
        }
        return next;
    }

    Fetched get(HttpUrl url, String operation) throws IOException {
        return get(url, operation, false);
    }

    Fetched getObject(HttpUrl url, String operation) throws IOException {
        return get(url, operation, true);
    }

    private Fetched get(HttpUrl url, String operation, boolean object) throws IOException {
        Request request = new Request.Builder().url(url)
                .header("Authorization", "SSWS " + token)
                .header("Accept", "application/json")
                .build();
        try (Response response = client.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response, body, errorSummary(body));
            }
            RawResponse kept = raw.get(CaptureInterceptor.key(response.request().url())).orElse(null);
            JsonNode json = object ? JsonBodies.object(body, operation) : JsonBodies.array(body, operation);
            return new Fetched(json, kept, response.headers("Link"));
        }
    }

    /** Okta's error body: {@code {"errorCode":"E0000006","errorSummary":"..."}}. */
    private static String errorSummary(String body) {
        try {
            JsonNode error = EventCodec.mapper().readTree(body);
            if (error != null && error.hasNonNull("errorSummary")) {
                return error.path("errorCode").asText() + " " + error.get("errorSummary").asText();
            }
        } catch (JsonProcessingException e) {
            // not Okta's JSON error shape: the status says enough
        }
        return null;
    }
}
