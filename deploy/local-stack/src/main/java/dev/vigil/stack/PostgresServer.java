package dev.vigil.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * A real PostgreSQL 17 server from the binaries zonky publishes on Maven Central, with a database and role
 * {@code vigil} for the services. The data directory is kept between starts so a local stack keeps its state.
 */
public final class PostgresServer implements Database {
    public static final String DATABASE = "vigil";
    public static final String USER = "vigil";
    public static final String PASSWORD = "vigil";

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    public static PostgresServer start(Path dataDir, int port) {
        if (Ports.listening(port)) {
            throw new IllegalStateException("port " + port + " on " + Ports.HOST + " is taken: is PostgreSQL already "
                    + "running? Stop it, choose another port, or give VIGIL_DB_URL to use that server.");
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", Ports.HOST)
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            PostgresServer server = new PostgresServer(pg, port);
            server.createDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    private void createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the vigil database: " + e.getMessage(), e);
        }
    }

    /** Lets the vigil role create databases, so that tests sharing this server can each have a fresh one. */
    public void allowCreatingDatabases() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + USER + " CREATEDB");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot let the vigil role create databases: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the database {@code name}, owned by the vigil role, on the server at {@code port} (one whose role may
     * create databases: {@link #allowCreatingDatabases()}) and returns it; closing it leaves the server running.
     */
    public static Database createDatabase(int port, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        String server = "jdbc:postgresql://" + Ports.HOST + ":" + port + "/";
        Properties login = new Properties();
        login.setProperty("user", USER);
        login.setProperty("password", PASSWORD);
        // the driver itself, not DriverManager: that one hides drivers another class loader registered
        try (Connection c = new org.postgresql.Driver().connect(server + DATABASE, login);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name + " on port " + port + ": "
                    + e.getMessage(), e);
        }
        return Database.external(server + name, USER, PASSWORD);
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + Ports.HOST + ":" + port + "/" + DATABASE;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }
}
