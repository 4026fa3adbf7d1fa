package dev.vigil.collector.events;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deliveries seen lately, in PostgreSQL ({@code event_delivery}), shared by every instance of collector-service:
 * behind a load balancer a provider's retry may reach another instance than its first attempt, and a queue may hand
 * its redelivery to another consumer. While the database cannot be reached it answers from this instance's memory, so
 * a delivery is at worst read twice, never dropped.
 */
public final class SharedDeliveryMemory implements DeliveryMemory {
    private static final Logger LOG = Logger.getLogger(SharedDeliveryMemory.class);
    /** Rows older than the memory are deleted every this many deliveries: cheap, and the table stays small. */
    static final int TRIM_EVERY = 500;
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final DataSource db;
    private final String name;
    private final Duration memory;
    private final RecentDeliveries fallback;
    private final AtomicLong seen = new AtomicLong();
    private volatile Instant lastWarned = Instant.EPOCH;

    /**
     * @param name     which memory (hooks, a queue, an audit log): each keeps its own ids and horizon
     * @param fallback answers while the database is unreachable
     */
    public SharedDeliveryMemory(DataSource db, String name, Duration memory, RecentDeliveries fallback) {
        this.db = db;
        this.name = name;
        this.memory = memory;
        this.fallback = fallback;
    }

    @Override
    public boolean firstTime(String provider, String deliveryId, Instant now) {
        // An id seen before but longer ago than the memory counts as new, as in RecentDeliveries.
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO event_delivery (memory, provider, delivery_id, seen_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (memory, provider, delivery_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
                         WHERE event_delivery.seen_at <= ?
                     RETURNING 1""")) {
            s.setString(1, name);
            s.setString(2, provider);
            s.setString(3, deliveryId);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now.minus(memory)));
            boolean first;
            try (ResultSet rs = s.executeQuery()) {
                first = rs.next();
            }
            if (seen.incrementAndGet() % TRIM_EVERY == 0) {
                trim(c, now);
            }
            return first;
        } catch (SQLException e) {
            unreachable(e, now);
            return fallback.firstTime(provider, deliveryId, now);
        }
    }

    @Override
    public void forget(String provider, String deliveryId) {
        fallback.forget(provider, deliveryId);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "DELETE FROM event_delivery WHERE memory = ? AND provider = ? AND delivery_id = ?")) {
            s.setString(1, name);
            s.setString(2, provider);
            s.setString(3, deliveryId);
            s.executeUpdate();
        } catch (SQLException e) {
            // remembered, the provider's next attempt reads as a duplicate: the loss this must not cause
            LOG.errorf("delivery %s of %s (%s memory) could not be forgotten after its read failed: %s; its next "
                    + "attempt will be taken for a duplicate", deliveryId, provider, name, e.getMessage());
        }
    }

    private void trim(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM event_delivery WHERE memory = ? AND seen_at <= ?")) {
            s.setString(1, name);
            s.setTimestamp(2, Timestamp.from(now.minus(memory)));
            s.executeUpdate();
        }
    }

    private void unreachable(SQLException e, Instant now) {
        if (lastWarned.plus(WARN_EVERY).isBefore(now)) {
            lastWarned = now;
            LOG.warnf("deliveries seen (%s memory) not shared, the database is unreachable: %s; this instance "
                    + "remembers them alone meanwhile", name, e.getMessage());
        }
    }
}
