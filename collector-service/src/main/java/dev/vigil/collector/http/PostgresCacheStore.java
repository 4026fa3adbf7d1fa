package dev.vigil.collector.http;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The ETag cache's sealed entries in PostgreSQL ({@code collector.http_cache}), one store for every instance. */
@ApplicationScoped
public class PostgresCacheStore implements ConditionalCache.Store {
    private final AgroalDataSource db;

    public PostgresCacheStore(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sealed FROM http_cache WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the HTTP cache: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String name, byte[] sealed) throws IOException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO http_cache (name, sealed) VALUES (?, ?)
                     ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, written_at = now()""")) {
            s.setString(1, name);
            s.setBytes(2, sealed);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot write the HTTP cache: " + e.getMessage(), e);
        }
    }
}
