package dev.vigil.bench;

import dev.vigil.stack.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Holds several evaluators' ingestion back until all of them are up, so that the first one ready does not store most
 * of the backlog alone while the other JVM is still starting (on two cores that takes the time of thousands of
 * events). It takes {@code LOCK TABLE evaluator.evidence_item IN EXCLUSIVE MODE}, which stops writes and lets reads
 * through, as soon as the database's schema is complete (the migrations are applied, so none waits on the lock), and
 * keeps it until {@link #close}: the evaluators start, join their group and block in their first poll's
 * transaction; once released they store from where everything starts at once.
 */
final class IngestGate implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(10);

    private final Connection c;

    private IngestGate(Connection c) {
        this.c = c;
    }

    /**
     * Waits until {@code db} holds {@code migrations} applied migrations (the evaluators apply them at start), then
     * locks. A poll that slipped through before the lock is counted by the caller as stored before the clock.
     */
    static IngestGate lock(Database db, long migrations, Duration timeout) throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (applied(c) < migrations) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the evaluators did not migrate " + db.jdbcUrl() + " within "
                            + timeout);
                }
                sleep();
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE evaluator.evidence_item IN EXCLUSIVE MODE");
            }
            return new IngestGate(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Successful migrations in the evaluator's schema history; 0 before Flyway created it. */
    static long applied(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM evaluator.flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** Lets the evaluators store. */
    @Override
    public void close() throws SQLException {
        try {
            c.rollback();
        } finally {
            c.close();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
