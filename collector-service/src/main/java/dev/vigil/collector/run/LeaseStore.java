package dev.vigil.collector.run;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The run leases in PostgreSQL: reads a key's lease under its row lock, lets {@link RunLease} decide, writes what
 * it decided. Time is the database's ({@code now()}), one clock for every instance.
 */
@ApplicationScoped
public class LeaseStore {
    private final AgroalDataSource db;

    public LeaseStore(AgroalDataSource db) {
        this.db = db;
    }

    /** The outcome of a change: the row to write (none: leave it) and what to answer. */
    private record Change<T>(Optional<RunLease> write, T answer) {
    }

    public RunLease.Decision acquire(RunLease.Key key, RunLease.Ask ask, String instance, String runId,
                                     Duration ttl) {
        return locked(key, (lease, now) -> {
            RunLease.Decision d = lease.decide(ask, instance, runId, now, ttl);
            return new Change<>(d instanceof RunLease.Decision.Granted g ? Optional.of(g.lease()) : Optional.empty(),
                    d);
        });
    }

    /** Pushes the expiry forward; false when {@code token} lost the lease. */
    public boolean renew(RunLease.Key key, long token, Duration ttl) {
        return locked(key, (lease, now) -> {
            Optional<RunLease> renewed = lease.renewed(token, now, ttl);
            return new Change<>(renewed, renewed.isPresent());
        });
    }

    /** Ends the lease of a run that ended ({@code end}: how, null if it never ran); false when {@code token} lost it. */
    public boolean release(RunLease.Key key, long token, String end) {
        return locked(key, (lease, now) -> {
            Optional<RunLease> released = lease.released(token, now, end);
            return new Change<>(released, released.isPresent());
        });
    }

    public Optional<RunLease> current(RunLease.Key key) {
        try (Connection c = db.getConnection()) {
            return read(c, key, false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lease of " + key + ": " + e.getMessage(), e);
        }
    }

    private <T> T locked(RunLease.Key key, BiFunction<RunLease, Instant, Change<T>> change) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO run_lease (collector, target, token, expires_at) VALUES (?, ?, 0, 'epoch')
                        ON CONFLICT DO NOTHING""")) {
                    s.setString(1, key.collector());
                    s.setString(2, key.target());
                    s.executeUpdate();
                }
                Instant now;
                try (PreparedStatement s = c.prepareStatement("SELECT now()"); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    now = rs.getTimestamp(1).toInstant();
                }
                RunLease lease = read(c, key, true).orElseThrow();
                Change<T> result = change.apply(lease, now);
                if (result.write().isPresent()) {
                    write(c, result.write().get());
                }
                c.commit();
                return result.answer();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the lease of " + key + ": " + e.getMessage(), e);
        }
    }

    private static Optional<RunLease> read(Connection c, RunLease.Key key, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT holder, run_id, token, expires_at, last_started_at, last_end FROM run_lease
                WHERE collector = ? AND target = ?""" + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setString(1, key.collector());
            s.setString(2, key.target());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp last = rs.getTimestamp(5);
                return Optional.of(new RunLease(key, rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), last == null ? null : last.toInstant(), rs.getString(6)));
            }
        }
    }

    private static void write(Connection c, RunLease lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE run_lease SET holder = ?, run_id = ?, token = ?, expires_at = ?, last_started_at = ?, last_end = ?
                WHERE collector = ? AND target = ?""")) {
            s.setString(1, lease.holder());
            s.setString(2, lease.runId());
            s.setLong(3, lease.token());
            s.setTimestamp(4, Timestamp.from(lease.expiresAt()));
            s.setTimestamp(5, lease.lastStartedAt() == null ? null : Timestamp.from(lease.lastStartedAt()));
            s.setString(6, lease.lastEnd());
            s.setString(7, lease.key().collector());
            s.setString(8, lease.key().target());
            s.executeUpdate();
        }
    }
}
