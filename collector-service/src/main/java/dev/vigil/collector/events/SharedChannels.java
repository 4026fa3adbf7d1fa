package dev.vigil.collector.events;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The open push channels of one provider in PostgreSQL ({@code push_channel}): the instance that keeps the
 * subscriptions opens them ({@link SubscriptionHolder}), and the provider's notifications reach whichever instance
 * the load balancer picks. The channels this instance opened are also kept in its memory, so that its own still
 * count while the database cannot be reached.
 */
public final class SharedChannels implements OpenChannels {
    private static final Logger LOG = Logger.getLogger(SharedChannels.class);

    private final DataSource db;
    private final String provider;
    private final OpenChannels own = OpenChannels.inMemory();

    public SharedChannels(DataSource db, String provider) {
        this.db = db;
        this.provider = provider;
    }

    @Override
    public void opened(String channelId, Instant expires) {
        own.opened(channelId, expires);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO push_channel (provider, channel_id, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (provider, channel_id) DO UPDATE SET expires_at = EXCLUDED.expires_at""")) {
                s.setString(1, provider);
                s.setString(2, channelId);
                s.setTimestamp(3, Timestamp.from(expires));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM push_channel WHERE provider = ? AND expires_at < now()")) {
                s.setString(1, provider);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warnf("%s channel %s not shared (%s): other instances will refuse its notifications until it is",
                    provider, channelId, e.getMessage());
        }
    }

    @Override
    public void closed(String channelId) {
        own.closed(channelId);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM push_channel WHERE provider = ? AND channel_id = ?")) {
            s.setString(1, provider);
            s.setString(2, channelId);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("%s channel %s stopped but still listed as open (%s); it expires by itself", provider,
                    channelId, e.getMessage());
        }
    }

    @Override
    public boolean isOpen(String channelId, Instant now) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM push_channel WHERE provider = ? AND channel_id = ? AND expires_at > ?")) {
            s.setString(1, provider);
            s.setString(2, channelId);
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.warnf("cannot read whether %s channel %s is open (%s): answering from this instance's own channels",
                    provider, channelId, e.getMessage());
            return own.isOpen(channelId, now);
        }
    }
}
