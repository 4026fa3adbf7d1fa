package dev.vigil.collector.events;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Which instance of collector-service keeps the providers' push subscriptions alive ({@code subscription_holder}):
 * one at a time, so the group holds one Graph subscription and one Google channel, not one per instance (each would
 * notify, and every change would be read once per instance). A holder keeps its turn by renewing it; one that stops
 * (it died, or lost the database) is replaced once its time is over, and the new holder finds Graph's subscription
 * by its URL or makes its own channel. Time is the database's, one clock for every instance.
 */
public class SubscriptionHolder {
    private static final Logger LOG = Logger.getLogger(SubscriptionHolder.class);

    private final DataSource db;
    private final String instance;
    private volatile boolean holding;

    public SubscriptionHolder(DataSource db, String instance) {
        this.db = db;
        this.instance = instance;
    }

    /**
     * Takes or renews the turn for {@code ttl}; true when this instance holds it. While the database cannot be reached
     * the last answer stands: a holder goes on renewing its subscriptions, the others stay out.
     */
    public boolean hold(Duration ttl) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO subscription_holder (id, holder, expires_at)
                         VALUES (1, ?, now() + make_interval(secs => ?))
                     ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                         WHERE subscription_holder.holder = EXCLUDED.holder OR subscription_holder.expires_at < now()
                     RETURNING holder""")) {
            s.setString(1, instance);
            s.setDouble(2, ttl.toMillis() / 1000.0);
            boolean now;
            try (ResultSet rs = s.executeQuery()) {
                now = rs.next();
            }
            if (now != holding) {
                LOG.infof(now ? "instance %s now keeps the providers' push subscriptions"
                        : "instance %s no longer keeps the providers' push subscriptions: another instance does",
                        instance);
            }
            holding = now;
        } catch (SQLException e) {
            LOG.warnf("cannot tell which instance keeps the push subscriptions (%s); %s", e.getMessage(),
                    holding ? "this one goes on" : "this one stays out");
        }
        return holding;
    }

    /** Gives the turn up (the service is stopping), so that another instance takes it at its next look. */
    public void release() {
        if (!holding) {
            return;
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE subscription_holder SET expires_at = now() - interval '1 second' WHERE holder = ?")) {
            s.setString(1, instance);
            s.executeUpdate();
            holding = false;
        } catch (SQLException e) {
            LOG.warnf("push subscriptions' turn not given up (%s): another instance takes it when it expires",
                    e.getMessage());
        }
    }
}
