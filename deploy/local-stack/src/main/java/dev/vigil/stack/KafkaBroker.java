package dev.vigil.stack;

import dev.vigil.common.keys.KeyFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (single node, broker and controller in one), run as a child JVM
 * from the classpath assembled by deploy/kafka-broker. It stops with {@link #close()} and also by itself
 * when the JVM that started it dies.
 *
 * <p>Given {@link KafkaUsers}, clients must sign in with SASL/SCRAM-SHA-512 (listener {@code SASL_PLAINTEXT}):
 * the users are written into the metadata log when the data directory is first formatted, and upserted at every
 * start, so a user added or a password changed later takes effect too. The controller listener stays
 * PLAINTEXT on loopback, where only this machine reaches it.
 */
public final class KafkaBroker implements AutoCloseable {
    public static final String LIBS_PROPERTY = "vigil.kafka.libs";
    private static final String LIBS_RELATIVE = "deploy/kafka-broker/target/broker-libs";
    /** Written when the data directory was formatted with SCRAM users: without it, SASL cannot work there. */
    private static final String SCRAM_MARKER = "formatted-with-scram-users";

    private final Process process;
    private final int port;
    private final Path logFile;
    private final KafkaUsers users;

    private KafkaBroker(Process process, int port, Path logFile, KafkaUsers users) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.users = users;
    }

    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(locateLibs(), dataDir, port, controllerPort, Duration.ofSeconds(90), null);
    }

    /** A broker whose clients sign in with SASL/SCRAM as one of the users. */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, KafkaUsers users) {
        return start(locateLibs(), dataDir, port, controllerPort, Duration.ofSeconds(90), users);
    }

    public static KafkaBroker start(Path libs, Path dataDir, int port, int controllerPort, Duration timeout) {
        return start(libs, dataDir, port, controllerPort, timeout, null);
    }

    /** As above; {@code users} null for a PLAINTEXT listener that any client may use. */
    public static KafkaBroker start(Path libs, Path dataDir, int port, int controllerPort, Duration timeout,
                                    KafkaUsers users) {
        if (Ports.listening(port)) {
            throw new IllegalStateException("port " + port + " on " + Ports.HOST + " is taken: is a Kafka broker "
                    + "already running? Stop it, or choose another port.");
        }
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("log");
            boolean formatted = Files.exists(logDir.resolve("meta.properties"));
            if (users != null && formatted && !Files.exists(dataDir.resolve(SCRAM_MARKER))) {
                throw new IllegalStateException("the Kafka data in " + dataDir + " was formatted without SCRAM users "
                        + "(by an older deploy/local/up.sh), so no client could sign in: remove " + dataDir
                        + " (the broker's topics; the evaluator's state is in PostgreSQL) and start again");
            }
            Path config = dataDir.resolve("server.properties");
            // With users it holds the broker's own password: readable by its owner only.
            KeyFiles.writeOwnerOnly(config, serverProperties(logDir, port, controllerPort, users));
            List<String> cmd = new ArrayList<>(List.of(
                    javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true",
                    "-cp", libs.toAbsolutePath() + "/*",
                    "dev.vigil.broker.BrokerMain", config.toString(),
                    "--parent-pid", Long.toString(ProcessHandle.current().pid())));
            Path usersFile = dataDir.resolve("scram-users.properties");
            if (users != null && !formatted) {
                KeyFiles.writeOwnerOnly(usersFile, users.asProperties());
                cmd.addAll(List.of("--scram-users", usersFile.toString()));
            }
            Path log = dataDir.resolve("broker.log");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            KafkaBroker broker = new KafkaBroker(p, port, log, users);
            broker.awaitReady(timeout);
            if (users != null) {
                Files.deleteIfExists(usersFile); // in the metadata log now
                Files.writeString(dataDir.resolve(SCRAM_MARKER), "formatted with SCRAM users; see KafkaBroker\n");
                broker.upsertUsers();
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
    }

    static String serverProperties(Path logDir, int port, int controllerPort, KafkaUsers users) {
        String client = users == null ? "PLAINTEXT" : KafkaUsers.SECURITY_PROTOCOL;
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Ports.HOST + ":" + controllerPort,
                "listeners=" + client + "://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort,
                "advertised.listeners=" + client + "://" + Ports.HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + client,
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT," + client + ":" + client));
        if (users != null) {
            String listener = "listener.name." + client.toLowerCase() + "." + KafkaUsers.MECHANISM.toLowerCase();
            lines.addAll(List.of(
                    "sasl.enabled.mechanisms=" + KafkaUsers.MECHANISM,
                    "sasl.mechanism.inter.broker.protocol=" + KafkaUsers.MECHANISM,
                    listener + ".sasl.jaas.config=" + users.jaasConfig(KafkaUsers.BROKER)));
        }
        lines.addAll(List.of(
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        return String.join("\n", lines);
    }

    /** Creates every client user, or sets its password, signed in as the broker's own user. */
    private void upsertUsers() {
        List<UserScramCredentialUpsertion> upserts = users.passwords().entrySet().stream()
                .filter(u -> !u.getKey().equals(KafkaUsers.BROKER))
                .map(u -> new UserScramCredentialUpsertion(u.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), u.getValue()))
                .toList();
        if (upserts.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(adminSettings())) {
            admin.alterUserScramCredentials(List.copyOf(upserts)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not create the Kafka users " + upserts.stream()
                    .map(UserScramCredentialUpsertion::user).toList() + ": " + e + "; see " + logFile, e);
        }
    }

    private Map<String, Object> adminSettings() {
        Map<String, Object> settings = new HashMap<>(clientProperties(KafkaUsers.BROKER));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        return settings;
    }

    /** What a client adds to bootstrap.servers to sign in as the user: nothing on a PLAINTEXT broker. */
    public Map<String, Object> clientProperties(String user) {
        return users == null ? Map.of() : users.clientProperties(user);
    }

    public Optional<KafkaUsers> users() {
        return Optional.ofNullable(users);
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                        + " during start-up; see " + logFile + ":\n" + tail());
            }
            if (Ports.listening(port)) {
                try (Admin admin = Admin.create(adminSettings())) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (e.getCause() instanceof SaslAuthenticationException refused) {
                        close();
                        throw new IllegalStateException("the Kafka broker refused its own user '" + KafkaUsers.BROKER
                                + "' (" + refused.getMessage() + "): its password changed since the data directory "
                                + "was formatted; see " + logFile, refused);
                    }
                    last = e;
                }
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the Kafka broker was not ready within " + timeout + " (" + last + "); see "
                + logFile + ":\n" + tail());
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The broker classpath: -Dvigil.kafka.libs, else deploy/kafka-broker/target/broker-libs above the cwd. */
    public static Path locateLibs() {
        String configured = System.getProperty(LIBS_PROPERTY, System.getenv("VIGIL_KAFKA_LIBS"));
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LIBS_RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the Kafka broker classpath was not found: build it with "
                + "'./mvnw -pl deploy/kafka-broker package' or set -D" + LIBS_PROPERTY + "=<dir>");
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
