package dev.vigil.report.linked;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.ClientCredential;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * report-service's calls to the other Vigil services, through their REST Clients ({@link CollectorApi},
 * {@link EvaluatorApi}) built on {@link LinkedServicesConfig}'s URLs (at the root of a host or under a path) with
 * its timeout, each request carrying this service's credential ({@link SendingCredential}). A page must render
 * whatever they do, so every failure of a read (refused, timeout, error status, unreadable body) becomes an
 * {@link Answer} naming the URL and the cause; a write says what the service answered in a {@link Reply}, so its own
 * error message reaches the person who asked.
 */
@ApplicationScoped
public class LinkedServices {
    private final LinkedServicesConfig config;
    private final CollectorApi collector;
    private final EvaluatorApi evaluator;
    private final ObjectMapper json;

    public LinkedServices(LinkedServicesConfig config, ClientCredential credential, ObjectMapper json) {
        this.config = config;
        this.collector = client(CollectorApi.class, config.collectorUrl(), config.linkedServiceTimeout(), credential);
        this.evaluator = client(EvaluatorApi.class, config.evaluatorUrl(), config.linkedServiceTimeout(), credential);
        this.json = json;
    }

    private static <T> T client(Class<T> api, URI base, Duration timeout, ClientCredential credential) {
        return client(api, base, timeout, timeout, credential);
    }

    /** A REST Client of another Vigil service at {@code base}, sending this service's credential with each request. */
    public static <T> T client(Class<T> api, URI base, Duration connectTimeout, Duration readTimeout,
                               ClientCredential credential) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new SendingCredential(credential))
                .build(api);
    }

    /** Either the value read, or why it could not be read (the URL and the cause). */
    public record Answer<T>(T value, String unavailable) {
        public boolean ok() {
            return unavailable == null;
        }
    }

    /**
     * What a service answered a write: its status and JSON body, or (status 0) why it did not answer.
     *
     * @param error for a 4xx/5xx, what was sent and the service's own {@code error} message (or its body); or why it
     *              could not be reached
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

    /** collector-service's recent runs. */
    public Answer<List<CollectionRun>> collectionRuns() {
        return read(url(config.collectorUrl(), CollectorApi.RUNS), collector::runs);
    }

    /** The evaluator's exceptions of one control, or of all ({@code controlId} null). */
    public Answer<List<ControlException>> exceptions(String controlId) {
        String path = EvaluatorApi.EXCEPTIONS + (controlId == null ? "" : "?controlId=" + encode(controlId));
        return read(url(config.evaluatorUrl(), path), () -> evaluator.exceptions(controlId));
    }

    /** The evaluator's scoping decisions, in force or revoked. */
    public Answer<List<ScopingDecisionView>> scopingDecisions() {
        return read(url(config.evaluatorUrl(), EvaluatorApi.SCOPING), evaluator::scopingDecisions);
    }

    /**
     * The evaluator's resources of these types in scope now, with their current facts: generated documents are built
     * from them, access review campaigns read the collected accounts.
     */
    public Answer<List<EvaluatedResource>> resourcesWithFacts(List<String> types) {
        String query = String.join("&", types.stream().map(t -> "type=" + encode(t)).toList());
        return read(url(config.evaluatorUrl(), EvaluatorApi.RESOURCES + "?" + query + "&facts=true&inScope=true"),
                () -> evaluator.resources(types, true, true));
    }

    /** The evaluator's collection coverage: the last run of each source and resource type. */
    public Answer<List<CollectionCoverage>> coverage() {
        return read(url(config.evaluatorUrl(), EvaluatorApi.COVERAGE), evaluator::coverage);
    }

    /** The active people of the identity providers, whom policies ask to acknowledge them. */
    public Answer<List<ActivePerson>> activePeople() {
        return read(url(config.evaluatorUrl(), EvaluatorApi.PEOPLE), evaluator::activePeople);
    }

    public Reply recordException(Map<String, Object> exception) {
        return write("POST " + url(config.evaluatorUrl(), EvaluatorApi.EXCEPTIONS),
                () -> evaluator.recordException(exception));
    }

    public Reply recordScopingDecision(Map<String, Object> decision) {
        return write("POST " + url(config.evaluatorUrl(), EvaluatorApi.SCOPING),
                () -> evaluator.recordScopingDecision(decision));
    }

    public Reply revokeException(String id, String revokedBy, String approvedBy) {
        return write("DELETE " + url(config.evaluatorUrl(), EvaluatorApi.EXCEPTIONS + "/" + encode(id)
                        + revokers(revokedBy, approvedBy)),
                () -> evaluator.revokeException(id, revokedBy, approvedBy));
    }

    public Reply revokeScopingDecision(String controlId, String revokedBy, String approvedBy) {
        return write("DELETE " + url(config.evaluatorUrl(), EvaluatorApi.SCOPING + "/" + encode(controlId)
                        + revokers(revokedBy, approvedBy)),
                () -> evaluator.revokeScopingDecision(controlId, revokedBy, approvedBy));
    }

    private <T> Answer<T> read(String url, Supplier<T> call) {
        try {
            return new Answer<>(call.get(), null);
        } catch (RuntimeException e) {
            // an error status; or refused, timed out, or a body that is not what the API describes
            int status = e instanceof WebApplicationException w ? w.getResponse().getStatus() : 0;
            return new Answer<>(null, status >= 300 ? url + " answered HTTP " + status
                    : url + " could not be read: " + cause(e));
        }
    }

    /** @param sent the method and URL, for the message */
    private Reply write(String sent, Supplier<Response> call) {
        try (Response answer = call.get()) {
            return reply(sent, answer);
        } catch (WebApplicationException e) { // a 4xx/5xx: the client's default mapper throws it
            return reply(sent, e.getResponse());
        } catch (RuntimeException e) {
            return new Reply(0, null, sent + " could not be reached: " + cause(e));
        }
    }

    private Reply reply(String sent, Response answer) {
        String text = answer.hasEntity() ? answer.readEntity(String.class) : "";
        JsonNode body = text == null || text.isBlank() ? json.nullNode() : readOrText(text);
        int status = answer.getStatus();
        if (status >= 200 && status < 300) {
            return new Reply(status, body, null);
        }
        String error = body.path("error").isTextual() ? body.get("error").asText() : text;
        return new Reply(status, body, sent + " answered HTTP " + status + ": " + error);
    }

    private JsonNode readOrText(String body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return json.getNodeFactory().textNode(body);
        }
    }

    /** The innermost cause's message (the client wraps what went wrong); a timeout says so and how long it was. */
    private String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root.getClass().getSimpleName().contains("Timeout")
                ? "timed out after " + config.linkedServiceTimeout().toMillis() + " ms (" + message + ")" : message;
    }

    /** The URL a call goes to, for messages: the client appends the path to the base the same way. */
    private static String url(URI base, String path) {
        String root = base.toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
    }

    private static String revokers(String revokedBy, String approvedBy) {
        return "?revokedBy=" + encode(revokedBy) + "&approvedBy=" + encode(approvedBy);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
