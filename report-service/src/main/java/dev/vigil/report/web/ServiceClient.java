package dev.vigil.report.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.ClientCredential;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A thin JSON GET against the other Vigil services. A page must render whatever they do, so every failure
 * (refused, timeout, error status, unreadable body) becomes an {@link Answer} naming the URL and the cause.
 * Every request through {@link #http} carries this service's credential ({@code vigil.access.client.*}).
 */
@ApplicationScoped
public class ServiceClient {
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public ServiceClient(ObjectMapper json, LinkedServicesConfig config, ClientCredential credential) {
        this.json = json;
        this.timeout = config.linkedServiceTimeout();
        // The other services admit report-service by its service credential: added here to every request.
        this.http = credential.sendingCredential(HttpClient.newBuilder().connectTimeout(timeout).build());
    }

    /** Either the value read, or why it could not be read. */
    public record Answer<T>(T value, String unavailable) {
        public boolean ok() {
            return unavailable == null;
        }
    }

    public <T> Answer<List<T>> getList(URI base, String path, Class<T> element) {
        URI uri = base.resolve(path);
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                return new Answer<>(null, uri + " answered HTTP " + res.statusCode());
            }
            List<T> value = json.readValue(res.body(),
                    json.getTypeFactory().constructCollectionType(List.class, element));
            return new Answer<>(value, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(null, uri + " was not answered: interrupted");
        } catch (IOException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Answer<>(null, uri + " could not be read: " + cause);
        }
    }
}
