package dev.vigil.bench;

import dev.vigil.stack.Database;
import dev.vigil.stack.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged control-evaluator (target/quarkus-app) as a child process, started as deploy/local/common.sh
 * starts it: {@code java -Xmx… -XX:+UseSerialGC -jar quarkus-run.jar}, configured only by environment variables.
 */
final class EvaluatorProcess implements AutoCloseable {
    private final Process process;
    private final int httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EvaluatorProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    static EvaluatorProcess start(Path runJar, String heap, List<String> extraJvmOptions, String kafkaBootstrap,
                                  Database db, Path log) {
        int port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC"));
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-jar", runJar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        // A developer's own Vigil/Quarkus/Kafka settings must not leak into the measured process.
        env.keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("QUARKUS_") || k.startsWith("KAFKA_")
                || k.startsWith("MP_MESSAGING_"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            return new EvaluatorProcess(pb.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + runJar, e);
        }
    }

    boolean ready() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(
                            "http://" + Ports.HOST + ":" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Throws, with the end of the log, when the evaluator died. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the control-evaluator exited with " + process.exitValue() + "; see "
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
