package dev.vigil.collector.events.entra;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.entra.GraphApi;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.io.IOException;

/**
 * Microsoft Graph as collector-service reaches it outside a collection run (its subscription, its reads of the audit
 * log): the {@code entra-id-users} app registration, with a client that follows no redirect (one would carry the
 * token elsewhere).
 */
public record GraphApp(OkHttpClient client, HttpUrl authority, HttpUrl graph, String tenantId, String clientId,
                       String clientSecret) {

    /** The collector's app registration; null when {@code entra-id-users} is not configured. */
    public static GraphApp of(VigilConfig.Entra entra) {
        HttpUrl authority = HttpUrl.parse(entra.authorityUrl());
        HttpUrl root = HttpUrl.parse(entra.graphUrl());
        if (authority == null || root == null || entra.clientSecret().isEmpty()) {
            return null;
        }
        return new GraphApp(new OkHttpClient.Builder().followRedirects(false).build(), authority, root,
                entra.tenantId(), entra.clientId(), entra.clientSecret().get());
    }

    /** Graph with a fresh app-only token; nothing it reads is kept as a run's raw response. */
    public GraphApi signIn() throws IOException {
        GraphApi api = new GraphApi(client, graph, null);
        api.signIn(authority, tenantId, clientId, clientSecret);
        return api;
    }
}
