package dev.vigil.collector.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.common.evidence.RunState;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest runs of every instance, newest first, in PostgreSQL and bounded (older runs live on the collection-run
 * topic): GET /api/collections shows the same runs on every instance.
 */
@ApplicationScoped
public class RunHistory {
    private static final Logger LOG = Logger.getLogger(RunHistory.class);

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final int capacity;

    public RunHistory(AgroalDataSource db, ObjectMapper json, VigilConfig config) {
        this.db = db;
        this.json = json;
        this.capacity = Math.max(1, config.collection().historySize());
    }

    /** The lease a run of everything holds while it runs: its writes count only while the token is current. */
    public record Fence(RunLease.Key key, long token, String runId) {
    }

    /**
     * Records a targeted run as it is now. Never throws: a run goes on when its history cannot be written, as it did
     * when the history was in memory.
     */
    public void put(RunSummary run, String instance) {
        put(run, null, instance);
    }

    /**
     * Records a run of everything as it is now, if its lease's token is still current; false when it is not (another
     * instance took the run over) or the history could not be written.
     */
    public boolean put(RunSummary run, Fence fence, String instance) {
        try (Connection c = db.getConnection()) {
            return write(c, run, fence, instance);
        } catch (SQLException | JsonProcessingException e) {
            LOG.warnf("run %s of %s: history not written (%s)", run.runId(), run.collector(), e.getMessage());
            return false;
        }
    }

    private boolean write(Connection c, RunSummary run, Fence fence, String instance)
            throws SQLException, JsonProcessingException {
        int written;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO run_history (run_id, collector, target, state, started_at, finished_at, instance, summary)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?::jsonb
                """ + (fence == null ? "" : """
                WHERE EXISTS (SELECT 1 FROM run_lease
                              WHERE collector = ? AND target = ? AND token = ? AND run_id = ?)
                """) + """
                ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, finished_at = excluded.finished_at,
                    summary = excluded.summary""")) {
            s.setString(1, run.runId());
            s.setString(2, run.collector());
            s.setString(3, fence == null ? null : fence.key().target());
            s.setString(4, run.state().name());
            s.setTimestamp(5, Timestamp.from(run.startedAt()));
            s.setTimestamp(6, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
            s.setString(7, instance);
            s.setString(8, json.writeValueAsString(run));
            if (fence != null) {
                s.setString(9, fence.key().collector());
                s.setString(10, fence.key().target());
                s.setLong(11, fence.token());
                s.setString(12, fence.runId());
            }
            written = s.executeUpdate();
        }
        if (written > 0 && run.state() == RunState.STARTED) {
            trim(c);
        }
        return written > 0;
    }

    /**
     * Ends a run whose instance stopped renewing its lease (it died, or lost the database) as FAILED, so that no run
     * shows as running forever; its evidence so far stands. False when no running run of that id is recorded.
     */
    public boolean abandon(String runId, String reason) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT summary FROM run_history WHERE run_id = ? AND finished_at IS NULL")) {
            s.setString(1, runId);
            RunSummary run;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                run = json.readValue(rs.getString(1), RunSummary.class);
            }
            RunSummary ended = run.abandoned(reason, java.time.Instant.now());
            try (PreparedStatement u = c.prepareStatement("""
                    UPDATE run_history SET state = ?, finished_at = ?, summary = ?::jsonb
                    WHERE run_id = ? AND finished_at IS NULL""")) {
                u.setString(1, ended.state().name());
                u.setTimestamp(2, Timestamp.from(ended.finishedAt()));
                u.setString(3, json.writeValueAsString(ended));
                u.setString(4, runId);
                return u.executeUpdate() > 0;
            }
        } catch (SQLException | JsonProcessingException e) {
            LOG.warnf("abandoned run %s: history not updated (%s)", runId, e.getMessage());
            return false;
        }
    }

    /**
     * Records a run of everything that was abandoned before it recorded its start (its instance died between the
     * lease's grant and the run's first write, e.g. while the run waited for a thread), as {@code ended} says, so that
     * every run the leases granted is in the history. Nothing is written when the run is recorded after all.
     */
    public void recordAbandoned(RunSummary ended, String target, String instance) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO run_history (run_id, collector, target, state, started_at, finished_at, instance, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (run_id) DO NOTHING""")) {
            s.setString(1, ended.runId());
            s.setString(2, ended.collector());
            s.setString(3, target);
            s.setString(4, ended.state().name());
            s.setTimestamp(5, Timestamp.from(ended.startedAt()));
            s.setTimestamp(6, Timestamp.from(ended.finishedAt()));
            s.setString(7, instance);
            s.setString(8, json.writeValueAsString(ended));
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            LOG.warnf("abandoned run %s: history not written (%s)", ended.runId(), e.getMessage());
        }
    }

    private void trim(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                DELETE FROM run_history WHERE run_id IN
                    (SELECT run_id FROM run_history ORDER BY started_at DESC, run_id OFFSET ?)""")) {
            s.setInt(1, capacity);
            s.executeUpdate();
        }
    }

    public List<RunSummary> newestFirst() {
        List<RunSummary> list = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT summary FROM run_history ORDER BY started_at DESC, run_id LIMIT ?")) {
            s.setInt(1, capacity);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    list.add(json.readValue(rs.getString(1), RunSummary.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the run history: " + e.getMessage(), e);
        }
        return list;
    }
}
