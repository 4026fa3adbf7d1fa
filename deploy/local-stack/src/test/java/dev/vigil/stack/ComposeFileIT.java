package dev.vigil.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, read by Compose itself ({@code docker-compose config}, installed by
 * deploy/local/test-prerequisites.sh; no Docker engine is needed to read a file): it must stay valid as services and
 * settings change, run every service, and refuse to start without the secrets it must not default.
 */
class ComposeFileIT {
    static final Path ROOT = Path.of(System.getProperty("vigil.root", "../..")).toAbsolutePath().normalize();
    static final List<String> SECRETS = List.of("VIGIL_KAFKA_BROKER_SECRET", "VIGIL_KAFKA_COLLECTOR_SECRET",
            "VIGIL_KAFKA_EVALUATOR_SECRET", "VIGIL_KAFKA_REPORT_SECRET", "VIGIL_PROMETHEUS_SECRET",
            "VIGIL_REPORT_SECRET");

    @Test
    void composeReadsTheFileAndRunsEveryService() throws Exception {
        Map<String, String> secrets = new HashMap<>();
        SECRETS.forEach(s -> secrets.put(s, "placeholder-" + s.toLowerCase()));

        Result valid = compose(secrets, "config", "-q");
        assertThat(valid.exit()).as(valid.output()).isZero();
        Result services = compose(secrets, "config", "--services");
        assertThat(services.exit()).as(services.output()).isZero();
        assertThat(services.output().lines().map(String::trim).toList()).containsExactlyInAnyOrder("kafka", "postgres",
                "sandbox", "event-keys", "control-evaluator", "report-service", "collector-service");
    }

    @Test
    void composeRefusesToStartWithoutASecretAndNamesIt() throws Exception {
        Map<String, String> secrets = new HashMap<>();
        SECRETS.forEach(s -> secrets.put(s, "placeholder"));
        secrets.remove("VIGIL_REPORT_SECRET");

        Result refused = compose(secrets, "config", "-q");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("set VIGIL_REPORT_SECRET (docs/access.md)");
    }

    private record Result(int exit, String output) {
    }

    private static Result compose(Map<String, String> secrets, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-f",
                ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        SECRETS.forEach(pb.environment()::remove); // only what the test gives
        pb.environment().putAll(secrets);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(p.exitValue(), output);
    }
}
