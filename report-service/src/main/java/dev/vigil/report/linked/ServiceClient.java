package dev.vigil.report.linked;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A thin JSON client of the other Vigil services. A page must render whatever they do, so every failure of a read
 * (refused, timeout, error status, unreadable body) becomes an {@link Answer} naming the URL and the cause; a write
 * ({@link #send}) says what the service answered, so its own error message reaches the person who asked.
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

    /**
     * What a service answered a write: its status and JSON body, or (status 0) why it did not answer.
     *
     * @param error the service's own {@code error} message for a 4xx/5xx, or why it could not be reached
     */
    public record Reply(int status, JsonNode body, String error) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The service answered and refused (4xx): the request was wrong, not the connection. */
        public boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    /** A POST with a JSON body, or a DELETE ({@code body} null), to {@code base} + {@code path}. */
    public Reply send(URI base, String method, String path, Object body) {
        URI uri = base.resolve(path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = res.body() == null || res.body().isBlank() ? json.nullNode() : readOrText(res.body());
            if (res.statusCode() >= 200 && res.statusCode() < 300) {
                return new Reply(res.statusCode(), answer, null);
            }
            String error = answer.path("error").isTextual() ? answer.get("error").asText() : res.body();
            return new Reply(res.statusCode(), answer, uri + " answered HTTP " + res.statusCode() + ": " + error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, uri + " was not answered: interrupted");
        } catch (IOException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Reply(0, null, uri + " could not be reached: " + cause);
        }
    }

    private JsonNode readOrText(String body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return json.getNodeFactory().textNode(body);
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
