package dev.vigil.system;

import dev.vigil.common.signing.EventSigner;
import dev.vigil.stack.Ports;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.TestEventKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack as deploy/local/up.sh starts it, on free ports in a temporary VIGIL_HOME, for system tests:
 * {@link #up()}, {@link #script} for any deploy/local script with the stack's environment, {@link #down()}.
 */
final class LocalStackRun {
    static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

    final Path home;
    final Map<String, String> env;
    final int reportPort;
    final int collectorPort;

    private LocalStackRun(Path home) {
        this.home = home;
        this.reportPort = Ports.free();
        this.collectorPort = Ports.free();
        this.env = new HashMap<>(Map.of(
                "VIGIL_HOME", home.toString(),
                "VIGIL_SKIP_BUILD", "1",
                "VIGIL_REPORT_PORT", Integer.toString(reportPort),
                "VIGIL_COLLECTOR_PORT", Integer.toString(collectorPort),
                "VIGIL_EVALUATOR_PORT", Integer.toString(Ports.free()),
                "VIGIL_KAFKA_PORT", Integer.toString(Ports.free()),
                "VIGIL_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()),
                "VIGIL_SANDBOX_PORT", Integer.toString(Ports.free()),
                "VIGIL_DB_PORT", Integer.toString(Ports.free())));
    }

    /** The demo users of the "demo" profile, which up.sh runs on every service (docs/access.md). */
    static final String ENGINEER = "engineer";
    static final String ADMIN = "admin";
    /** The second admin: approves what {@link #ADMIN} requests (four-eyes). */
    static final String ADMIN2 = "admin2";
    static final String AUDITOR = "auditor";

    static String password(String demoUser) {
        return "vigil-" + demoUser;
    }

    /**
     * Starts the stack with up.sh, which returns once the demo organisation is scored. Requests then sign in as the
     * engineer unless a test says otherwise: the demo users exist on all three services (docs/access.md).
     */
    static LocalStackRun up(String prefix) throws Exception {
        return up(prefix, Map.of());
    }

    /**
     * As {@link #up(String)}, with more environment for up.sh. Ports are picked free before up.sh binds them, so
     * another process can take one in between: then the half-started stack is stopped and started again on other
     * ports, once. A stack that fails otherwise is stopped too, so no test leaves servers running.
     */
    static LocalStackRun up(String prefix, Map<String, String> env) throws Exception {
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.preemptive().basic(ENGINEER,
                password(ENGINEER));
        for (int attempt = 1; ; attempt++) {
            LocalStackRun stack = new LocalStackRun(Files.createTempDirectory(prefix));
            stack.env.putAll(env);
            try {
                stack.script(Duration.ofMinutes(5), "deploy/local/up.sh");
                return stack;
            } catch (AssertionError failed) {
                try {
                    stack.script(Duration.ofMinutes(2), "deploy/local/down.sh");
                } catch (AssertionError | Exception ignored) {
                    // what up.sh left is stopped as far as down.sh can; the first failure is the one to report
                }
                String reason = String.valueOf(failed.getMessage());
                if (attempt == 1 && (reason.contains("in use") || reason.contains("is taken") || reason.contains("already bound"))) {
                    System.out.println("a port picked for the stack was taken meanwhile; starting on other ports");
                    continue;
                }
                throw failed;
            }
        }
    }

    /** The sandbox's port, where its drift switch ({@code /__vigil/drift}) and push subscriptions are served. */
    int sandboxPort() {
        return Integer.parseInt(env.get("VIGIL_SANDBOX_PORT"));
    }

    /** The broker up.sh started: clients sign in with SASL/SCRAM (docs/access.md#kafka-authentication). */
    String kafkaBootstrap() {
        return "127.0.0.1:" + env.get("VIGIL_KAFKA_PORT");
    }

    /** The client settings of the operator's Kafka user, which up.sh writes for the kafka-*.sh tools. */
    Map<String, Object> kafkaOperatorSignIn() throws java.io.IOException {
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newInputStream(home.resolve("data/kafka-operator.properties"))) {
            props.load(in);
        }
        Map<String, Object> signIn = new HashMap<>();
        props.stringPropertyNames().forEach(name -> signIn.put(name, props.getProperty(name)));
        return signIn;
    }

    /** A Kafka client signed in as the operator; records it sends are signed by {@code signer}. */
    KafkaTestClient kafka(EventSigner signer) throws java.io.IOException {
        return new KafkaTestClient(kafkaBootstrap(), signer, kafkaOperatorSignIn());
    }

    /** A Kafka client signed in as the operator, for reading topics (its records carry the test key). */
    KafkaTestClient kafka() throws java.io.IOException {
        return kafka(TestEventKeys.signer());
    }

    /** Stops it with down.sh; nothing started for this stack may still run. */
    void down() throws Exception {
        script(Duration.ofMinutes(2), "deploy/local/down.sh");
        List<String> left = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(home.toString()))
                .toList();
        assertThat(left).as("processes left after down.sh").isEmpty();
    }

    /** Runs a script of the repository with its arguments and the stack's environment; it must exit 0. */
    String script(Duration timeout, String script, String... args) throws Exception {
        return script(timeout, Map.of(), script, args);
    }

    /**
     * As {@link #script(Duration, String, String...)}, with {@code more} environment on top of the stack's (e.g.
     * {@code VIGIL_INSTANCE} and its ports for a further instance of the services).
     */
    String script(Duration timeout, Map<String, String> more, String script, String... args) throws Exception {
        Path out = Files.createTempFile(home, Path.of(script).getFileName() + "-", ".out");
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(more);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish within " + timeout);
        }
        String printed = Files.readString(out);
        System.out.println(printed);
        assertThat(p.exitValue()).as(script + " exit code (logs in " + home.resolve("logs") + "); it printed:\n" + printed)
                .isZero();
        return printed;
    }
}
