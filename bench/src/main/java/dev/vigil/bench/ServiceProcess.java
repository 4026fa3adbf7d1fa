package dev.vigil.bench;

import dev.vigil.stack.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Vigil service (target/quarkus-app) as a child process, started as deploy/local/common.sh starts it:
 * {@code java -Xmx… } {@link #JVM_OPTIONS} {@code -jar quarkus-run.jar}, configured only by environment variables.
 */
abstract class ServiceProcess implements AutoCloseable {
    /** deploy/local/up.sh's default {@code VIGIL_SERVICE_JAVA_OPTS}: what the benchmarks measure is what ships. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=240m");

    /**
     * The benchmark calls the service as a service of its own ("bench", role service: docs/access.md), with a
     * secret made up for this run.
     */
    private static final String SECRET = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(new SecureRandom().generateSeed(24));
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            ("bench:" + SECRET).getBytes(StandardCharsets.UTF_8));

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    protected ServiceProcess(String name, Process process, int httpPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * A process builder for the service's run jar with its output appended to {@code log}, and an environment
     * without the developer's own Vigil, Quarkus or Kafka settings (they must not leak into the measured process);
     * the caller adds the service's settings and {@code QUARKUS_HTTP_PORT}.
     */
    static ProcessBuilder builder(Path runJar, String heap, List<String> extraJvmOptions, Path log) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-jar", runJar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("QUARKUS_") || k.startsWith("KAFKA_")
                || k.startsWith("MP_MESSAGING_"));
        env.put("VIGIL_ACCESS_SERVICE_CREDENTIALS_BENCH", SECRET);
        return pb;
    }

    static Process start(ProcessBuilder pb, Path runJar) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + runJar, e);
        }
    }

    boolean ready() {
        try {
            return send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where it listens, for the services that call it. */
    String baseUrl() {
        return "http://" + Ports.HOST + ":" + httpPort;
    }

    protected URI uri(String path) {
        return URI.create("http://" + Ports.HOST + ":" + httpPort + path);
    }

    protected HttpResponse<String> send(HttpRequest request) throws IOException {
        return send(request, AUTHORIZATION);
    }

    /** Sends with another {@code Authorization} than the bench's service credential (a demo user's, say). */
    protected HttpResponse<String> send(HttpRequest request, String authorization) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Throws, with the end of the log, when the service died. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + name + " exited with " + process.exitValue() + "; see "
                    + log + ":\n" + tail(40));
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    /** Stops it as down.sh does: SIGTERM, so Quarkus shuts down cleanly (and a JFR recording is written). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
