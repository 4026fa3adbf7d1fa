package dev.vigil.report.access;

import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every endpoint, for every role and for an anonymous caller, on the running service. The endpoints are found by
 * reading the compiled resource classes, so a new endpoint is walked without editing this test; its expected answer
 * comes from its annotations, and what the server really answers must agree: anonymous is never let in (401, or a
 * redirect to the login page), a role not named gets 403, a role named is let through (any answer but 401 or 403).
 * An endpoint naming no role is denied to everyone.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AccessIT {
    static final List<String> USERS = List.of(TestUsers.ADMIN, TestUsers.ENGINEER, TestUsers.AUDITOR);
    static final String OUTSIDER = "outsider"; // an auditor with no period granted

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One JAX-RS method: its HTTP verb, path (parameters filled in) and the roles it admits. */
    record Endpoint(String verb, String path, Set<String> roles, boolean permitAll, boolean sse, String consumes) {
        @Override
        public String toString() {
            return verb + " " + path;
        }
    }

    @BeforeEach
    void grantTheAuditorEverything() {
        TestUsers.signInAs(TestUsers.ADMIN);
        given().contentType("application/json").body(Map.of("principal", TestUsers.AUDITOR, "from", "2000-01-01",
                "to", "2099-12-31")).post("/api/access/grants").then().statusCode(201);
    }

    @Test
    void everyEndpointAnswersEveryRoleAndAnAnonymousCallerAsItsAnnotationsSay() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::toString).contains("GET /api/controls", "GET /api/bundles",
                "POST /api/evidence/uploads", "GET /api/audit-log", "POST /api/access/grants", "GET /login", "GET /");

        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            int anonymous = status(e, null);
            if (e.permitAll()) {
                check(wrong, e, "anonymous", anonymous != 401 && anonymous != 403, anonymous);
            } else {
                check(wrong, e, "anonymous", anonymous == 401 || anonymous == 302, anonymous);
            }
            for (String user : USERS) {
                int status = status(e, user);
                boolean admitted = e.permitAll() || e.roles().contains(user);
                check(wrong, e, user, admitted ? status != 401 && status != 403 : status == 403, status);
            }
        }
        assertThat(wrong).as("endpoints answering against their annotations").isEmpty();
    }

    @Test
    void anEndpointThatNamesNoRoleIsDeniedToEveryone() throws Exception {
        Endpoint probe = new Endpoint("GET", "/api/test-only/unannotated", Set.of(), false, false, null);
        for (String user : USERS) {
            assertThat(status(probe, user)).as(user).isEqualTo(403);
        }
        assertThat(status(probe, null)).isIn(401, 302);
    }

    @Test
    void anAuditorSeesOnlyTheGrantedPeriodsAndNeverTheLiveState() {
        TestUsers.signInAs(OUTSIDER);
        given().get("/api/access/me").then().statusCode(200).body("roles", hasItem("auditor"));
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z")
                .get("/api/periods/summary").then().statusCode(403).body("error", containsString("no grant covering"));
        given().queryParam("from", "2026-01-01").queryParam("to", "2026-01-31").get("/api/bundles").then()
                .statusCode(403);
        given().get("/api/controls").then().statusCode(403);

        TestUsers.signInAs(TestUsers.ADMIN);
        String grant = given().contentType("application/json").body(Map.of("principal", OUTSIDER, "from", "2026-01-01",
                "to", "2026-03-31")).post("/api/access/grants").then().statusCode(201).extract().path("grantId");

        TestUsers.signInAs(OUTSIDER);
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z")
                .get("/api/periods/summary").then().statusCode(200);
        given().queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-04-02T00:00:00Z")
                .get("/api/periods/summary").then().statusCode(403); // reaches past the grant
        given().get("/api/access/me").then().statusCode(200).body("grants.grantId", hasItem(grant));
        // Signed in, an auditor lands on their periods, each with its bundle link, not on the live dashboard.
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/periods"));
        given().get("/periods").then().statusCode(200).body(containsString("data-grant=\"" + grant + "\""))
                .body(containsString("/api/bundles?from=2026-01-01T00:00:00Z&amp;to=2026-04-01T00:00:00Z"));
        given().contentType("application/json").body(Map.of("principal", OUTSIDER, "from", "2000-01-01", "to",
                "2099-12-31")).post("/api/access/grants").then().statusCode(403); // cannot grant itself

        TestUsers.signInAs(TestUsers.ADMIN);
        given().delete("/api/access/grants/" + grant).then().statusCode(200);
        TestUsers.signInAs(OUTSIDER);
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z")
                .get("/api/periods/summary").then().statusCode(403);

        TestUsers.signInAs(TestUsers.ADMIN);
        List<String> actions = given().get("/api/audit-log").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.target == 'grant " + grant + "' }.action");
        assertThat(actions).containsExactlyInAnyOrder("PERIOD_GRANTED", "GRANT_REVOKED");
    }

    @Test
    void theSignInCookieNeverTravelsWithAnotherSitesRequestNorReachesScripts() throws Exception {
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.toURI().resolve("j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + TestUsers.ENGINEER + "&j_password="
                        + TestUsers.password(TestUsers.ENGINEER))).build(), HttpResponse.BodyHandlers.ofString());
        // the form has no CSRF token: SameSite=Strict is what keeps a cross-site form post from carrying the session
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("quarkus-credential="))
                .singleElement().satisfies(cookie -> assertThat(cookie)
                        .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));

        // signing out has the browser drop it
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=")).findFirst().orElseThrow().split(";", 2)[0];
        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(base.toURI().resolve("logout"))
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?signedOut=true"));
        assertThat(signedOut.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("quarkus-credential="))
                .singleElement().satisfies(cookie -> assertThat(cookie).startsWith("quarkus-credential=;")
                        .containsIgnoringCase("Max-Age=0"));
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefused() throws Exception {
        Endpoint controls = new Endpoint("GET", "/api/controls", Set.of(), false, false, null);
        assertThat(send(controls, "engineer", "not-the-password")).isEqualTo(401);
        assertThat(send(controls, "mallory", "test-engineer")).isEqualTo(401);
    }

    private static void check(List<String> wrong, Endpoint e, String who, boolean ok, int status) {
        if (!ok) {
            wrong.add(e + " as " + who + " answered " + status + " (admits " + (e.permitAll() ? "everyone" : e.roles())
                    + ")");
        }
    }

    private int status(Endpoint e, String user) throws IOException, InterruptedException {
        return send(e, user, user == null ? null : TestUsers.password(user));
    }

    /** Only the status line is read: a server-sent event stream stays open, its body is never waited for. */
    private int send(Endpoint e, String user, String password) throws IOException, InterruptedException {
        // A body of the media type the endpoint reads, so the answer is about access, not about the body's type.
        boolean multipart = MediaType.MULTIPART_FORM_DATA.equals(e.consumes());
        boolean form = MediaType.APPLICATION_FORM_URLENCODED.equals(e.consumes());
        boolean body = !e.verb().equals("GET") && !e.verb().equals("DELETE");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + e.path()))
                .timeout(Duration.ofSeconds(20))
                .method(e.verb(), !body ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(multipart ? "--probe--\r\n" : form ? "probe=1" : "{}"))
                .header("Accept", e.sse() ? "text/event-stream" : "*/*");
        if (body) {
            request.header("Content-Type", multipart ? "multipart/form-data; boundary=probe"
                    : form ? MediaType.APPLICATION_FORM_URLENCODED
                    : e.consumes() != null ? e.consumes() : "application/json"); // e.g. text/csv: "{}" is a CSV too
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest built = request.build();
        try {
            return statusOf(built);
        } catch (IOException stale) {
            // The server may close a kept-alive connection after refusing a request whose body it did not read; the
            // client only finds out on its next request over it. Once more, on a fresh connection.
            try {
                return statusOf(built);
            } catch (IOException failed) {
                throw new IOException(e + " as " + (user == null ? "anonymous" : user) + ": " + failed, failed);
            }
        }
    }

    private int statusOf(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /** Every JAX-RS method of the service's own classes (not this test's probe), from the compiled classes. */
    static List<Endpoint> endpoints() throws Exception {
        Path classes = Path.of("target/classes");
        List<Endpoint> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, AccessIT.class.getClassLoader());
                jakarta.ws.rs.Path resource = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (resource == null) {
                    continue;
                }
                String prefix = resource.value();
                for (Method m : type.getDeclaredMethods()) {
                    String verb = verb(m);
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/" + prefix + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    if (path.length() > 1 && path.endsWith("/")) {
                        path = path.substring(0, path.length() - 1);
                    }
                    path = path.replace("{id}", "LS-01").replace("{sha256}", "a".repeat(64))
                            .replaceAll("\\{[^}]+}", "x");
                    jakarta.ws.rs.Consumes consumes = m.isAnnotationPresent(jakarta.ws.rs.Consumes.class)
                            ? m.getAnnotation(jakarta.ws.rs.Consumes.class)
                            : type.getAnnotation(jakarta.ws.rs.Consumes.class);
                    out.add(new Endpoint(verb, path, roles(type, m), permitAll(type, m), sse(type, m),
                            consumes == null ? null : consumes.value()[0]));
                }
            }
        }
        return out;
    }

    private static String verb(Method m) {
        for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (m.isAnnotationPresent(a)) {
                return a.getSimpleName();
            }
        }
        return null;
    }

    private static Set<String> roles(Class<?> type, Method m) {
        RolesAllowed r = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                : m.isAnnotationPresent(PermitAll.class) ? null : type.getAnnotation(RolesAllowed.class);
        return r == null ? Set.of() : new TreeSet<>(Arrays.asList(r.value()));
    }

    private static boolean permitAll(Class<?> type, Method m) {
        return m.isAnnotationPresent(PermitAll.class)
                || (!m.isAnnotationPresent(RolesAllowed.class) && type.isAnnotationPresent(PermitAll.class));
    }

    private static boolean sse(Class<?> type, Method m) {
        Produces p = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class)
                : type.getAnnotation(Produces.class);
        return p != null && Arrays.asList(p.value()).contains(MediaType.SERVER_SENT_EVENTS);
    }
}
