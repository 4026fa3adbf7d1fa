package dev.vigil.stack.testing;

import dev.vigil.stack.Database;
import dev.vigil.stack.KafkaBroker;
import dev.vigil.stack.Ports;
import dev.vigil.stack.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real servers integration tests run against:
 * <ol>
 *   <li>servers that already run, when {@code VIGIL_TEST_KAFKA_BOOTSTRAP} or {@code VIGIL_TEST_JDBC_URL} (with
 *   {@code _USER}, {@code _PASSWORD}) name them;</li>
 *   <li>otherwise Testcontainers, where a Docker engine answers (set {@code VIGIL_TEST_TESTCONTAINERS=false} to
 *   skip it);</li>
 *   <li>otherwise a Kafka broker as a child JVM and embedded PostgreSQL, on random ports.</li>
 * </ol>
 * Each class loader that loads this class gets servers of its own: Quarkus loads it again for every application it
 * starts (each test profile or set of test resources), and those tests count on a fresh broker and database. The
 * embedded PostgreSQL server is started once per test JVM though (its start-up is the costly part), and each later
 * class loader gets a fresh database on it; a broker started for an application stops with it
 * ({@link #stopKafka()}), instead of idling beside the next ones until the JVM exits.
 */
public final class TestServers {
    private static Kafka kafka;
    private static Database database;
    private static Path workDir;
    private static KafkaBroker startedBroker;
    /** System properties, seen by every class loader of the JVM: where the shared embedded PostgreSQL listens. */
    private static final String SHARED_POSTGRES_PORT = "vigil.test.postgres.port";
    private static final String DATABASES_CREATED = "vigil.test.postgres.databases";

    /** A running broker: either the child JVM started here or an existing one. */
    public interface Kafka {
        String bootstrapServers();
    }

    private TestServers() {
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            String given = System.getenv("VIGIL_TEST_KAFKA_BOOTSTRAP");
            if (given != null && !given.isBlank()) {
                kafka = () -> given;
            } else if (DockerServers.available()) {
                kafka = DockerServers.kafka()::getBootstrapServers;
            } else {
                KafkaBroker broker = KafkaBroker.start(workDir().resolve("kafka"), Ports.free(), Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-test-kafka"));
                startedBroker = broker;
                kafka = broker::bootstrapServers;
            }
        }
        return kafka;
    }

    public static synchronized Database postgres() {
        if (database == null) {
            String url = System.getenv("VIGIL_TEST_JDBC_URL");
            if (url != null && !url.isBlank()) {
                database = Database.external(url, System.getenv().getOrDefault("VIGIL_TEST_JDBC_USER", "vigil"),
                        System.getenv().getOrDefault("VIGIL_TEST_JDBC_PASSWORD", "vigil"));
            } else if (DockerServers.available()) {
                var pg = DockerServers.postgres();
                database = Database.external(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
            } else {
                database = embeddedPostgres();
            }
        }
        return database;
    }

    /**
     * Stops the broker this class loader started, if any (the Quarkus application it served stopped); a later call
     * of {@link #kafka()} starts another.
     */
    public static synchronized void stopKafka() {
        if (startedBroker != null) {
            startedBroker.close();
            startedBroker = null;
            kafka = null;
        }
    }

    /** The JVM's embedded server: started here, or a fresh database on the one an earlier class loader started. */
    private static Database embeddedPostgres() {
        synchronized (System.getProperties()) { // one lock for every class loader
            String port = System.getProperty(SHARED_POSTGRES_PORT);
            if (port == null) {
                PostgresServer pg = PostgresServer.start(workDir().resolve("postgres"), Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "stop-test-postgres"));
                pg.allowCreatingDatabases();
                System.setProperty(SHARED_POSTGRES_PORT, Integer.toString(pg.port()));
                return pg;
            }
            int created = Integer.getInteger(DATABASES_CREATED, 0) + 1;
            System.setProperty(DATABASES_CREATED, Integer.toString(created));
            return PostgresServer.createDatabase(Integer.parseInt(port), "vigil_" + created);
        }
    }

    private static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("vigil-test-servers");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = workDir;
            // Registered first, so it runs alongside the stop hooks; deletion tolerates files still in use.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-test-servers-dir"));
        }
        return workDir;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Thread.sleep(3000); // let the servers stop first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless
        }
    }
}
