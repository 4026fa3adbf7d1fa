package dev.vigil.bench;

import dev.vigil.stack.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's own counters, read before and after a phase: how many transactions committed, and how many
 * resource_state rows were read (sequential plus index reads) and rows written in one schema. They show where
 * the database work per event goes without a profiler. PostgreSQL publishes a backend's counters when it ends
 * its connection at the latest, so read them after the phase's connections closed.
 */
record DbStats(long commits, long resourceStateRowsRead, long rowsWritten) {

    static DbStats read(Database db, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            long commits = single(c, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", null);
            long read = single(c, """
                    SELECT coalesce((SELECT seq_tup_read FROM pg_stat_user_tables
                                      WHERE schemaname = ? AND relname = 'resource_state'), 0)
                         + coalesce((SELECT sum(idx_tup_read) FROM pg_stat_user_indexes
                                      WHERE schemaname = ? AND relname = 'resource_state'), 0)""", schema);
            long written = single(c, """
                    SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables
                     WHERE schemaname = ?""", schema);
            return new DbStats(commits, read, written);
        }
    }

    DbStats minus(DbStats before) {
        return new DbStats(commits - before.commits, resourceStateRowsRead - before.resourceStateRowsRead,
                rowsWritten - before.rowsWritten);
    }

    private static long single(Connection c, String sql, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int params = s.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= params; i++) {
                s.setString(i, schema);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
