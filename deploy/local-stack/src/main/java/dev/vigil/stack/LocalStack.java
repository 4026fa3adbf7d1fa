package dev.vigil.stack;

import dev.vigil.sandbox.Sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The servers behind a local Vigil: PostgreSQL (embedded, unless VIGIL_DB_URL names a server), a Kafka broker
 * and the sandbox organisation. Started by deploy/local/up.sh; stops everything it started on SIGTERM.
 *
 * <p>When all are up it writes {@code <run-dir>/stack.env} (KEY=value lines the scripts source to configure
 * the services). It holds no password: the embedded database's is the documented demo one, and a real
 * server's stays in the caller's environment.
 *
 * <p>With {@code --kafka-users FILE} (owner-only {@code name=password} lines, {@link KafkaUsers}) the broker takes
 * only clients that sign in with SASL/SCRAM as one of those users; stack.env then names the protocol and mechanism,
 * and each service gets its own user's JAAS line from the caller.
 *
 * <p>Outage drills ({@link OutageDrill}, deploy/local/outage.sh) stop the embedded PostgreSQL or the broker for a
 * while and start it again on the same port and data.
 */
public final class LocalStack {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dataDir = Path.of(opts.getOrDefault("--data-dir", ".vigil/data")).toAbsolutePath();
        Path runDir = Path.of(opts.getOrDefault("--run-dir", ".vigil/run")).toAbsolutePath();
        int kafkaPort = port("VIGIL_KAFKA_PORT", 9092);
        int controllerPort = port("VIGIL_KAFKA_CONTROLLER_PORT", kafkaPort + 1);
        int dbPort = port("VIGIL_DB_PORT", 15432);
        int sandboxPort = port("VIGIL_SANDBOX_PORT", Sandbox.DEFAULT_PORT);
        String externalDb = System.getenv("VIGIL_DB_URL");
        KafkaUsers kafkaUsers = opts.containsKey("--kafka-users") ? KafkaUsers.load(Path.of(opts.get("--kafka-users"))) : null;

        Files.createDirectories(runDir);
        Files.deleteIfExists(runDir.resolve("stack.env"));
        Deque<AutoCloseable> started = new ArrayDeque<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "stop-local-stack"));
        try {
            Database db;
            AtomicReference<PostgresServer> embedded = new AtomicReference<>();
            Map<String, OutageDrill.Restartable> drillable = new LinkedHashMap<>();
            if (externalDb != null && !externalDb.isBlank()) {
                log("using PostgreSQL at " + externalDb);
                db = Database.external(externalDb, System.getenv().getOrDefault("VIGIL_DB_USER", "vigil"), null);
            } else {
                log("starting embedded PostgreSQL on " + Ports.HOST + ":" + dbPort + " (data in " + dataDir.resolve("postgres") + ")");
                embedded.set(PostgresServer.start(dataDir.resolve("postgres"), dbPort));
                db = embedded.get();
                started.push(() -> closeIfRunning(embedded));
                drillable.put("postgres", restartable(embedded,
                        () -> PostgresServer.start(dataDir.resolve("postgres"), dbPort)));
            }
            log("starting Kafka (KRaft) on " + Ports.HOST + ":" + kafkaPort + (kafkaUsers == null ? ", PLAINTEXT"
                    : ", SASL/SCRAM for users " + new java.util.TreeSet<>(kafkaUsers.passwords().keySet())));
            AtomicReference<KafkaBroker> kafka = new AtomicReference<>(
                    KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort, kafkaUsers));
            started.push(() -> closeIfRunning(kafka));
            log("starting the sandbox organisation on " + Ports.HOST + ":" + sandboxPort);
            Sandbox sandbox = Sandbox.start(sandboxPort);
            started.push(sandbox);

            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.get().bootstrapServers());
            if (kafkaUsers != null) {
                env.put("KAFKA_SECURITY_PROTOCOL", KafkaUsers.SECURITY_PROTOCOL);
                env.put("KAFKA_SASL_MECHANISM", KafkaUsers.MECHANISM);
            }
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
            env.put("VIGIL_SANDBOX_URL", sandbox.baseUrl());
            // Each provider also at the root of a port of its own (VIGIL_SANDBOX_GITHUB_URL, ...): up.sh points
            // the collectors there, in the form production endpoints have (https://api.github.com, no path).
            for (Sandbox.Provider p : Sandbox.Provider.values()) {
                env.put("VIGIL_SANDBOX_" + p.name() + "_URL", sandbox.rootUrl(p));
            }
            env.put("VIGIL_KAFKA_PID", Long.toString(kafka.get().pid()));
            writeAtomically(runDir.resolve("stack.env"), env);
            drillable.put("kafka", restartable(kafka, () -> {
                KafkaBroker again = KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort, kafkaUsers);
                env.put("VIGIL_KAFKA_PID", Long.toString(again.pid()));
                try {
                    writeAtomically(runDir.resolve("stack.env"), env);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return again;
            }));
            OutageDrill drill = new OutageDrill(runDir, drillable, LocalStack::log);
            drill.start();
            started.push(drill);
            log("ready: Kafka " + kafka.get().bootstrapServers() + ", PostgreSQL " + db.jdbcUrl() + ", sandbox " + sandbox.baseUrl());
        } catch (RuntimeException e) {
            log("start-up failed: " + e.getMessage());
            stopAll(started);
            System.exit(1);
        }
        new CountDownLatch(1).await(); // until SIGTERM runs the shutdown hook
    }

    /** Stops and starts the server held in {@code running}, for outage drills. */
    private static <T extends AutoCloseable> OutageDrill.Restartable restartable(AtomicReference<T> running,
                                                                                  Supplier<T> start) {
        return new OutageDrill.Restartable() {
            @Override
            public void stop() {
                closeIfRunning(running);
            }

            @Override
            public void start() {
                running.compareAndSet(null, start.get());
            }
        };
    }

    private static void closeIfRunning(AtomicReference<? extends AutoCloseable> running) {
        AutoCloseable server = running.getAndSet(null);
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("stopping " + server.getClass().getSimpleName() + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private static synchronized void stopAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log("stopping " + c.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    private static void writeAtomically(Path file, Map<String, String> env) throws IOException {
        StringBuilder sb = new StringBuilder("# written by dev.vigil.stack.LocalStack; removed when it stops\n");
        env.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        file.toFile().deleteOnExit();
    }

    private static int port(String env, int defaultPort) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " must be a port number, was '" + v + "'");
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: LocalStack [--data-dir DIR] [--run-dir DIR] [--kafka-users FILE]");
            }
            opts.put(args[i], args[++i]);
        }
        return opts;
    }

    private static void log(String message) {
        System.out.println("[vigil-stack] " + message);
    }
}
