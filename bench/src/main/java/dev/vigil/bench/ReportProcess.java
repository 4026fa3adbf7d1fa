package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.stack.Database;
import dev.vigil.stack.Ports;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged report-service (target/quarkus-app) as a child process, configured as deploy/local/up.sh configures
 * it: the shared database (its own schema), the broker, the bench's event key trusted (the evaluator signs with it),
 * loopback only, profile {@code demo}. The control list is for people (admin, engineer), not for a service
 * credential, so the benchmark reads it as the demo's engineer, as deploy/local/common.sh does.
 */
final class ReportProcess extends ServiceProcess {
    private static final String READER = "Basic " + Base64.getEncoder().encodeToString(
            "engineer:vigil-engineer".getBytes(StandardCharsets.UTF_8));

    private ReportProcess(Process process, int httpPort, Path log) {
        super("report-service", process, httpPort, log);
    }

    static ReportProcess start(Path runJar, String heap, List<String> extraJvmOptions, String kafkaBootstrap,
                               Database db, Path work, String collectorUrl, String evaluatorUrl) {
        int port = Ports.free();
        Path log = work.resolve("report.log");
        // relative defaults (../.vigil/data/...: the evidence store, the bundle key) must not reach the repository
        ProcessBuilder pb = builder(runJar, heap, extraJvmOptions, log).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(BenchKeys.serviceEnv());
        env.put("QUARKUS_PROFILE", "demo");
        env.put("QUARKUS_HTTP_HOST", Ports.HOST); // demo users are refused off loopback
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("VIGIL_EVIDENCE_STORE_PATH", work.resolve("evidence").toString());
        env.put("VIGIL_BUNDLES_GENERATED_KEY_FILE", work.resolve("bundle-signing-key.jwk.json").toString());
        env.put("VIGIL_REPORT_COLLECTOR_URL", collectorUrl);
        env.put("VIGIL_REPORT_EVALUATOR_URL", evaluatorUrl);
        return new ReportProcess(start(pb, runJar), port, log);
    }

    /** GET /api/controls: every catalogue control with its latest projected status, in catalogue order. */
    JsonNode controls() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/controls")).timeout(Duration.ofSeconds(30))
                .build(), READER);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/controls answered " + r.statusCode() + ": " + r.body());
        }
        return EventCodec.mapper().readTree(r.body());
    }
}
