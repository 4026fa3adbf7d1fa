package dev.vigil.access.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's authorization matrix, checked against the running service (docs/access.md). The test of each service
 * writes down, for every endpoint, who it is designed to admit; this class finds every endpoint the service really
 * has (its OpenAPI document, plus the paths under /q/ and pages the document hides, which the test names) and fails
 * when one is not in the design, so a new API endpoint cannot ship without someone deciding who may call it. Then it
 * calls every endpoint as every caller and fails, listing each disagreement, unless the answer is exactly the
 * designed one: an open endpoint lets everyone in; otherwise anonymous and a wrong password get 401 (a page: a
 * redirect to its login), a caller not admitted 403, and an admitted one any answer but 401 or 403.
 */
public final class AccessMatrix {
    /** Who calls. {@link #WRONG_PASSWORD} is the engineer with a password that is not theirs. */
    public enum Caller { ANONYMOUS, ADMIN, ENGINEER, AUDITOR, SERVICE, WRONG_PASSWORD }

    /** Every caller who signs in (the wrong password never does). */
    public static final Set<Caller> EVERYONE_SIGNED_IN = EnumSet.of(Caller.ADMIN, Caller.ENGINEER, Caller.AUDITOR,
            Caller.SERVICE);

    /**
     * What one endpoint is designed to answer, and how to call it without changing anything: {@code probe} is the
     * path and query to request (an unknown collector, an unknown id), {@code body} what to send.
     */
    public record Design(boolean everyone, Set<Caller> admitted, Set<Integer> anonymous, String probe, String contentType,
                         String body) {
        public static Design open() {
            return new Design(true, EVERYONE_SIGNED_IN, Set.of(), null, null, null);
        }

        public static Design admits(Caller first, Caller... more) {
            return new Design(false, EnumSet.of(first, more), Set.of(401), null, null, null);
        }

        /** Denied to everyone who signs in (an endpoint without {@code @RolesAllowed}: fails closed). */
        public static Design nobody() {
            return new Design(false, Set.of(), Set.of(401), null, null, null);
        }

        /** A page: an anonymous browser is sent to the login page. */
        public Design anonymousRedirectedToLogin() {
            return new Design(everyone, admitted, Set.of(302), probe, contentType, body);
        }

        public Design probe(String pathAndQuery) {
            return new Design(everyone, admitted, anonymous, pathAndQuery, contentType, body);
        }

        public Design body(String type, String content) {
            return new Design(everyone, admitted, anonymous, probe, type, content);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final String base;
    private final Map<Caller, String> authorization = new EnumMap<>(Caller.class);
    private final Map<String, Design> designs = new LinkedHashMap<>();
    private final Set<String> endpointsOutsideOpenApi = new TreeSet<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code base}: the running service's root URL. */
    public AccessMatrix(URI base) {
        this.base = base.toString().replaceAll("/$", "");
    }

    /** The user name and password a caller signs in with (HTTP basic). */
    public AccessMatrix caller(Caller caller, String user, String password) {
        authorization.put(caller, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** The test profile's demo users, alike on every service (%test.vigil.access.demo-users: "test-" + name). */
    public AccessMatrix testProfileUsers() {
        return caller(Caller.ADMIN, "admin", "test-admin")
                .caller(Caller.ENGINEER, "engineer", "test-engineer")
                .caller(Caller.AUDITOR, "auditor", "test-auditor");
    }

    /**
     * The operator endpoints under /q/, designed alike on every service ({@code quarkus.http.auth.permission.*}):
     * the probes and the API description are open, the metrics are for admins and services (Prometheus).
     */
    public AccessMatrix operatorEndpoints() {
        for (String open : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/openapi")) {
            outsideOpenApi("GET " + open, Design.open());
        }
        return outsideOpenApi("GET /q/metrics", Design.admits(Caller.ADMIN, Caller.SERVICE));
    }

    /** {@code endpoint}: "METHOD /path", the path as the OpenAPI document writes it ({@code /api/x/{id}}). */
    public AccessMatrix design(String endpoint, Design design) {
        designs.put(endpoint, design);
        return this;
    }

    /**
     * An endpoint the OpenAPI document does not list, but that is there all the same: under /q/ (health, metrics,
     * openapi), or a page hidden from the API description.
     */
    public AccessMatrix outsideOpenApi(String endpoint, Design design) {
        endpointsOutsideOpenApi.add(endpoint);
        return design(endpoint, design);
    }

    /** Every endpoint of the running service, as "METHOD /path": its OpenAPI document's and the operator ones. */
    public Set<String> endpoints() throws IOException, InterruptedException {
        return endpoints(openApiOperations());
    }

    private Set<String> endpoints(Map<String, JsonNode> operations) {
        Set<String> out = new TreeSet<>(endpointsOutsideOpenApi);
        out.addAll(operations.keySet());
        return out;
    }

    /** The operations of the service's OpenAPI document, by "METHOD /path". */
    private Map<String, JsonNode> openApiOperations() throws IOException, InterruptedException {
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (doc.statusCode() != 200) {
            throw new AssertionError("/q/openapi answered " + doc.statusCode() + ": it must be open");
        }
        Map<String, JsonNode> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(doc.body()).path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    out.put(method.toUpperCase() + " " + path.getKey(), path.getValue().get(method));
                }
            }
        }
        return out;
    }

    /** Fails naming every endpoint the service has and the design does not, and every designed one it lacks. */
    public void assertEveryEndpointIsDesigned() throws IOException, InterruptedException {
        Map<String, JsonNode> operations = openApiOperations();
        Set<String> real = endpoints(operations);
        Set<String> undesigned = new TreeSet<>(real);
        undesigned.removeAll(designs.keySet());
        Set<String> gone = new TreeSet<>(designs.keySet());
        gone.removeAll(real);
        if (!undesigned.isEmpty() || !gone.isEmpty()) {
            throw new AssertionError("the authorization matrix does not match the service's endpoints."
                    + (undesigned.isEmpty() ? "" : " Not designed (decide who may call them, add them to the matrix "
                    + "and to docs/access.md): " + undesigned + ".")
                    + (gone.isEmpty() ? "" : " Designed but no longer there: " + gone + "."));
        }
        // One convention in every service: an operator reading /q/openapi learns what each endpoint does.
        Set<String> undescribed = new TreeSet<>();
        operations.forEach((endpoint, operation) -> {
            if (operation.path("summary").asText("").isBlank()) {
                undescribed.add(endpoint);
            }
        });
        if (!undescribed.isEmpty()) {
            throw new AssertionError("endpoints without an OpenAPI summary (add @Operation(summary = ...)): "
                    + undescribed);
        }
    }

    /** Calls every designed endpoint as every caller; fails listing each answer that is not the designed one. */
    public void assertEveryCallerGetsTheDesignedAnswer() throws IOException, InterruptedException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Design> entry : designs.entrySet()) {
            Design design = entry.getValue();
            for (Caller caller : Caller.values()) {
                if (design.everyone() && caller == Caller.WRONG_PASSWORD) {
                    continue; // probes send no credentials; what a wrong one gets there is not part of the design
                }
                int status = send(entry.getKey(), design, caller);
                String expected;
                boolean ok;
                if (design.everyone() || design.admitted().contains(caller)) {
                    expected = "let in (not 401/403)";
                    ok = status != 401 && status != 403;
                } else if (caller == Caller.ANONYMOUS) {
                    expected = design.anonymous().toString();
                    ok = design.anonymous().contains(status);
                } else if (caller == Caller.WRONG_PASSWORD) {
                    // refused like anonymous (a page may send the browser to its login form instead)
                    expected = "401 or " + design.anonymous();
                    ok = status == 401 || design.anonymous().contains(status);
                } else {
                    expected = "403";
                    ok = status == 403;
                }
                if (!ok) {
                    wrong.add(entry.getKey() + " as " + caller + ": " + status + ", designed " + expected);
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " answers differ from the design:\n  " + String.join("\n  ", wrong));
        }
    }

    /** Only the status line is read: a server-sent event stream stays open, its body is never waited for. */
    private int send(String endpoint, Design design, Caller caller) throws IOException, InterruptedException {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = design.probe() != null ? design.probe()
                : endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{([^}]+)}", "unknown-$1");
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, hasBody ? HttpRequest.BodyPublishers.ofString(design.body() == null ? "{}"
                        : design.body()) : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            request.header("Content-Type", design.contentType() == null ? "application/json" : design.contentType());
        }
        if (caller == Caller.WRONG_PASSWORD) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    "engineer:not-the-password".getBytes(StandardCharsets.UTF_8)));
        } else if (caller != Caller.ANONYMOUS) {
            String value = authorization.get(caller);
            if (value == null) {
                throw new IllegalStateException("no credentials given for " + caller);
            }
            request.header("Authorization", value);
        }
        HttpRequest built = request.build();
        try {
            return statusOf(built);
        } catch (IOException stale) {
            // The server may close a kept-alive connection after refusing a request whose body it did not read; the
            // client only finds out on its next request over it. Once more, on a fresh connection.
            return statusOf(built);
        }
    }

    private int statusOf(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
