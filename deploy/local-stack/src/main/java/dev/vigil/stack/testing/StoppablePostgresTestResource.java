package dev.vigil.stack.testing;

import dev.vigil.stack.Ports;
import dev.vigil.stack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL of the test's own, which the test stops and starts again ({@link #stopServer()},
 * {@link #startServer()}): a database outage, on the same port and data, as a restart or failover looks to a
 * service. Not the shared test server, so no other test class sees the outage.
 */
public class StoppablePostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static Path dataDir;
    private static int port;
    private static PostgresServer server;

    @Override
    public synchronized Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("vigil-stoppable-postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = Ports.free();
        startServer();
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    /** Stops the server as a crash or maintenance would; connections in the services' pools break. */
    public static synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts it again on the same port and data. */
    public static synchronized void startServer() {
        if (server == null) {
            server = PostgresServer.start(dataDir, port);
        }
    }

    /** The running server (for a test's own queries). */
    public static synchronized PostgresServer server() {
        return server;
    }

    @Override
    public synchronized void stop() {
        stopServer();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless
        }
    }
}
