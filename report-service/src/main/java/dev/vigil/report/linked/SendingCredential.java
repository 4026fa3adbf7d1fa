package dev.vigil.report.linked;

import dev.vigil.access.ClientCredential;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds this service's credential ({@code vigil.access.client.*}, {@link ClientCredential}) to every request of the
 * REST Clients of the other services that carries no {@code Authorization} of its own: they admit report-service by
 * it (docs/access.md).
 */
final class SendingCredential implements ClientRequestFilter {
    private final ClientCredential credential;

    SendingCredential(ClientCredential credential) {
        this.credential = credential;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            credential.authorization().ifPresent(value -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, value));
        }
    }
}
