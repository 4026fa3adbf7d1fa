package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.stack.Database;
import dev.vigil.stack.Ports;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged collector-service (target/quarkus-app) as a child process, configured only by environment
 * variables: the GitHub, Okta and S3 collectors read the generated organisation, every other collector is off,
 * nothing runs on start or on a schedule, the evidence store is a fresh folder, and run history, run leases and the
 * GitHub cache live in the given PostgreSQL (schema {@code collector}).
 */
final class CollectorProcess extends ServiceProcess {
    static final List<String> MEASURED = List.of("github-branch-protection", "okta-user-mfa", "aws-s3");
    /** collector-service's own registry of collectors: the class scan that also generates its permission files. */
    static final String REGISTRY = "dev.vigil.collector.permissions.PermissionManifests";

    private CollectorProcess(Process process, int httpPort, Path log) {
        super("collector-service", process, httpPort, log);
    }

    static CollectorProcess start(Path runJar, String heap, List<String> extraJvmOptions, String kafkaBootstrap,
                                  Database db, String providerBase, Path work, int oktaPageSize) {
        return start(runJar, heap, extraJvmOptions, kafkaBootstrap, db, providerBase, work, oktaPageSize, false);
    }

    /**
     * {@code runOnStart}: every enabled collector runs once as the service starts, as it does in production (and
     * for deploy/local/up.sh); otherwise runs start only when asked ({@link #startRun}).
     */
    static CollectorProcess start(Path runJar, String heap, List<String> extraJvmOptions, String kafkaBootstrap,
                                  Database db, String providerBase, Path work, int oktaPageSize, boolean runOnStart) {
        int port = Ports.free();
        Path log = work.resolve("collector.log");
        // relative defaults (../.vigil/...) must not reach the repository
        ProcessBuilder pb = builder(runJar, heap, extraJvmOptions, log).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(BenchKeys.serviceEnv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("VIGIL_COLLECTION_RUN_ON_START", Boolean.toString(runOnStart));
        env.put("VIGIL_COLLECTION_SCHEDULE_ENABLED", "false");
        env.put("VIGIL_EVIDENCE_STORE_PATH", work.resolve("evidence").toString());
        env.put("VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_ENDPOINT", providerBase + "/github");
        env.put("VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_ORGANIZATION", LargeOrganisation.ORG);
        env.put("VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_TOKEN", "bench-token");
        env.put("VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_CACHE_ENABLED", "true");
        env.put("VIGIL_COLLECTORS_OKTA_USER_MFA_ORG_URL", providerBase + "/okta");
        env.put("VIGIL_COLLECTORS_OKTA_USER_MFA_TOKEN", "bench-token");
        env.put("VIGIL_COLLECTORS_OKTA_USER_MFA_DOMAIN", "bench-org.okta.com");
        env.put("VIGIL_COLLECTORS_OKTA_USER_MFA_PAGE_SIZE", Integer.toString(oktaPageSize));
        // the other AWS collectors are off, so the account's endpoint is S3's alone
        env.put("VIGIL_AWS_ENDPOINT_OVERRIDE", providerBase + "/aws");
        env.put("VIGIL_AWS_REGION", "us-east-1");
        env.put("VIGIL_AWS_ACCOUNT_ID", "111122223333");
        env.put("VIGIL_AWS_ACCESS_KEY_ID", "bench-access-key");
        env.put("VIGIL_AWS_SECRET_ACCESS_KEY", "bench-secret-key");
        env.put("VIGIL_COLLECTORS_AWS_S3_FORCE_PATH_STYLE", "true");
        for (String name : disabled(runJar)) {
            env.put("VIGIL_COLLECTORS_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_ENABLED",
                    "false");
        }
        return new CollectorProcess(start(pb, runJar), port, log);
    }

    /**
     * Every collector of the packaged service but the measured ones, so that a new collector is turned off here
     * without anyone adding it to a list: the names are read from the package itself, by running collector-service's
     * class scan ({@value #REGISTRY}) over its application jar in a class loader of its own libraries.
     */
    static List<String> disabled(Path runJar) {
        Path app = runJar.resolveSibling("app");
        Path lib = runJar.resolveSibling("lib");
        List<URL> jars = new ArrayList<>();
        try {
            for (Path dir : List.of(app, lib.resolve("boot"), lib.resolve("main"))) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                        jars.add(jar.toUri().toURL());
                    }
                }
            }
            Path appJar;
            try (Stream<Path> files = Files.list(app)) {
                appJar = files.filter(f -> f.getFileName().toString().startsWith("vigil-collector-service"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no collector-service jar in " + app));
            }
            // the platform loader as parent: the service's libraries, not the benchmark's, resolve its classes
            try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> registry = Class.forName(REGISTRY, true, loader);
                List<?> declared = (List<?>) registry.getMethod("collectors", Path.class, ClassLoader.class)
                        .invoke(null, appJar, loader);
                List<String> names = new ArrayList<>();
                for (Object d : declared) {
                    Object info = d.getClass().getMethod("info").invoke(d);
                    names.add((String) info.getClass().getMethod("name").invoke(info));
                }
                if (!names.containsAll(MEASURED)) {
                    throw new IllegalStateException("the package at " + runJar + " lacks measured collectors: has "
                            + names + ", measures " + MEASURED);
                }
                names.removeAll(MEASURED);
                return names;
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot list the collectors of " + runJar, e);
        }
    }

    /** POST /api/collections?collector=NAME: the run's id. */
    String startRun(String collector) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/collections?collector=" + collector))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST /api/collections?collector=" + collector + " answered "
                    + r.statusCode() + ": " + r.body());
        }
        return EventCodec.mapper().readTree(r.body()).path("runs").path(0).path("runId").asText();
    }

    /** The run as GET /api/collections shows it, or null when it is not listed (yet). */
    JsonNode run(String runId) throws IOException {
        for (JsonNode run : runs()) {
            if (runId.equals(run.path("runId").asText())) {
                return run;
            }
        }
        return null;
    }

    /** Every run GET /api/collections lists (running ones with a null finishedAt). */
    List<JsonNode> runs() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/collections"))
                .timeout(Duration.ofSeconds(30)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/collections answered " + r.statusCode() + ": " + r.body());
        }
        List<JsonNode> runs = new ArrayList<>();
        EventCodec.mapper().readTree(r.body()).forEach(runs::add);
        return runs;
    }

    /** The names of the enabled collectors (GET /api/collectors), to check the configuration took. */
    List<String> enabledCollectors() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/collectors")).timeout(Duration.ofSeconds(30))
                .build());
        List<String> names = new ArrayList<>();
        for (JsonNode c : EventCodec.mapper().readTree(r.body())) {
            if (c.path("enabled").asBoolean()) {
                names.add(c.path("name").asText());
            }
        }
        return names;
    }
}
