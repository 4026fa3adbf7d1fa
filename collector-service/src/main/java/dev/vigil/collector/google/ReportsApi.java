package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.JsonBodies;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.common.evidence.EventCodec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The Admin SDK Reports API's push notification calls: {@code activities.watch} opens a channel on an application's
 * audit log, {@code channels.stop} closes one. Signed in as the users collector is (the same service account and
 * administrator), with the audit scope, which must be delegated too.
 */
public final class ReportsApi {
    public static final String SCOPE = "https://www.googleapis.com/auth/admin.reports.audit.readonly";
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl base;
    private final Path keyFile;
    private final String subject;
    private final String tokenUrl;

    /**
     * @param base     the Admin SDK root ({@code https://admin.googleapis.com}, or a stand-in's with a path)
     * @param tokenUrl the token endpoint; null: the key file's
     */
    public ReportsApi(OkHttpClient client, HttpUrl base, Path keyFile, String subject, String tokenUrl) {
        this.client = client;
        this.base = base;
        this.keyFile = keyFile;
        this.subject = subject;
        this.tokenUrl = tokenUrl;
    }

    /** {@code POST <base>/admin/reports/v1/activity/users/all/applications/<application>/watch}. */
    public HttpUrl watchUrl(String application) {
        return base.newBuilder().addPathSegments("admin/reports/v1/activity/users/all/applications")
                .addPathSegment(application).addPathSegment("watch").build();
    }

    /** {@code POST <base>/admin/reports_v1/channels/stop}. */
    public HttpUrl stopUrl() {
        return base.newBuilder().addPathSegments("admin/reports_v1/channels/stop").build();
    }

    /** Opens a channel; returns Google's channel resource ({@code id}, {@code resourceId}, {@code expiration}). */
    public JsonNode watch(String application, JsonNode channel, Instant now) throws IOException {
        return post(watchUrl(application), channel, now);
    }

    /** Stops a channel, so it delivers nothing more. */
    public void stop(String channelId, String resourceId, Instant now) throws IOException {
        post(stopUrl(), EventCodec.mapper().createObjectNode().put("id", channelId).put("resourceId", resourceId), now);
    }

    private JsonNode post(HttpUrl url, JsonNode body, Instant now) throws IOException {
        ServiceAccountKey key = ServiceAccountKey.read(keyFile);
        HttpUrl token = HttpUrl.parse(tokenUrl != null ? tokenUrl : key.tokenUri());
        if (token == null) {
            throw new IOException("the token URL is not an http(s) URL");
        }
        String accessToken = DirectoryApi.token(client, key, subject, SCOPE, token, now);
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response, text, JsonBodies.nestedError(text));
            }
            return text.isBlank() ? EventCodec.mapper().createObjectNode() : JsonBodies.object(text, "POST " + url);
        }
    }
}
