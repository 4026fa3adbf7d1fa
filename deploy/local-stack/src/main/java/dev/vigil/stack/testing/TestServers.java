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
 * The real servers integration tests run against, started once per test JVM and stopped when it exits:
 * <ol>
 *   <li>servers that already run, when {@code VIGIL_TEST_KAFKA_BOOTSTRAP} or {@code VIGIL_TEST_JDBC_URL} (with
 *   {@code _USER}, {@code _PASSWORD}) name them;</li>
 *   <li>otherwise Testcontainers, where a Docker engine answers (set {@code VIGIL_TEST_TESTCONTAINERS=false} to
 *   skip it);</li>
 *   <li>otherwise a Kafka broker as a child JVM and embedded PostgreSQL, on random ports.</li>
 * </ol>
 */
public final class TestServers {
    private static Kafka kafka;
    private static Database database;
    private static Path workDir;

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
                PostgresServer pg = PostgresServer.start(workDir().resolve("postgres"), Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "stop-test-postgres"));
                database = pg;
            }
        }
        return database;
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
