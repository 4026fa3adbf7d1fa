package dev.vigil.report.register;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.evidence.RegisterEvidence;
import dev.vigil.common.store.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registers in PostgreSQL (migration V12): the current version of each item, and the append-only history of
 * every version. Thin: it reads and writes rows, and the caller's transaction holds them together.
 */
@ApplicationScoped
public class RegisterStore {
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final String COLUMNS = "register, item_id, version, retired, fields::text, changed_by, changed_at, "
            + "document_sha256";

    private final EntityManager em;

    public RegisterStore(EntityManager em) {
        this.em = em;
    }

    /** One recorded version, with how it came to be. */
    public record Version(RegisterEvidence.Item item, String change, String via) {
    }

    /** The item's current version, locked until the transaction ends so two edits get consecutive versions. */
    public Optional<RegisterEvidence.Item> currentForUpdate(Register register, String itemId) {
        return rows("SELECT " + COLUMNS + " FROM {h-schema}register_item WHERE register = ?1 AND item_id = ?2 FOR UPDATE",
                register.id(), itemId).stream().findFirst();
    }

    public List<RegisterEvidence.Item> items(Register register) {
        return rows("SELECT " + COLUMNS + " FROM {h-schema}register_item WHERE register = ?1 ORDER BY item_id", register.id());
    }

    public List<RegisterEvidence.Item> everyItem() {
        return rows("SELECT " + COLUMNS + " FROM {h-schema}register_item ORDER BY register, item_id");
    }

    @SuppressWarnings("unchecked")
    public List<Version> history(Register register, String itemId) {
        List<Object[]> found = em.createNativeQuery("SELECT " + COLUMNS + ", change, via FROM {h-schema}register_item_history "
                        + "WHERE register = ?1 AND item_id = ?2 ORDER BY version")
                .setParameter(1, register.id()).setParameter(2, itemId).getResultList();
        return found.stream().map(r -> new Version(item(r), (String) r[8], (String) r[9])).toList();
    }

    /** Records a new version: appended to the history, and made the item's current one. */
    public void record(RegisterEvidence.Item item, ItemChange change, String via) {
        String fields = JsonColumns.write(item.fields());
        em.createNativeQuery("""
                        INSERT INTO {h-schema}register_item_history (register, item_id, version, retired, fields, changed_by,
                                                           changed_at, document_sha256, change, via)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?8, ?9, ?10)
                        """)
                .setParameter(1, item.register()).setParameter(2, item.itemId()).setParameter(3, item.version())
                .setParameter(4, item.retired()).setParameter(5, fields).setParameter(6, item.changedBy())
                .setParameter(7, Timestamp.from(item.changedAt())).setParameter(8, item.documentSha256())
                .setParameter(9, change.column()).setParameter(10, via)
                .executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO {h-schema}register_item (register, item_id, version, retired, fields, changed_by, changed_at,
                                                   document_sha256)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?8)
                        ON CONFLICT (register, item_id) DO UPDATE SET version = EXCLUDED.version,
                            retired = EXCLUDED.retired, fields = EXCLUDED.fields, changed_by = EXCLUDED.changed_by,
                            changed_at = EXCLUDED.changed_at, document_sha256 = EXCLUDED.document_sha256
                        """)
                .setParameter(1, item.register()).setParameter(2, item.itemId()).setParameter(3, item.version())
                .setParameter(4, item.retired()).setParameter(5, fields).setParameter(6, item.changedBy())
                .setParameter(7, Timestamp.from(item.changedAt())).setParameter(8, item.documentSha256())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<RegisterEvidence.Item> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(RegisterStore::item).toList();
    }

    private static RegisterEvidence.Item item(Object[] r) {
        Register register = Register.byId((String) r[0]).orElseThrow();
        Map<String, Object> stored = JsonColumns.read((String) r[4], FIELDS);
        // jsonb keeps no key order: back in the register's order, as the API and CSV show them
        Map<String, Object> fields = new LinkedHashMap<>();
        register.fields().forEach(f -> fields.put(f.name(), stored.get(f.name())));
        return new RegisterEvidence.Item(register.id(), (String) r[1], ((Number) r[2]).intValue(), (Boolean) r[3],
                fields, (String) r[5], instant(r[6]), (String) r[7]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
