package dev.vigil.evaluator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.PassingResources;
import dev.vigil.evaluator.domain.ResourceView;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads what a control needs about the resources in its scope, letting PostgreSQL do the counting: resources
 * that fail or cannot be judged by one of the control's rules come back one by one, with verdicts and
 * provenance; the ones that pass come back as a count and the age of their evidence. Evaluating a control over
 * tens of thousands of resources therefore reads a handful of rows, every second if need be.
 *
 * <p>A resource is in a control's scope when one of the control's rules judged it with anything but
 * NOT_APPLICABLE (verdicts are stored per rule id in {@code resource_state.verdicts}).
 */
@ApplicationScoped
public class ControlResources {
    private static final TypeReference<Map<String, Verdict>> VERDICTS = new TypeReference<>() {
    };
    /** One of the control's rules (?2) judged the resource with one of the outcomes (?3). */
    private static final String JUDGED = "EXISTS (SELECT 1 FROM jsonb_each(r.verdicts) v WHERE v.key = ANY (?) "
            + "AND v.value->>'outcome' = ANY (?))";
    private static final String[] NOT_PASSING = {Outcome.FAIL.name(), Outcome.UNKNOWN.name()};
    private static final String[] PASSING = {Outcome.PASS.name()};

    @Inject
    EntityManager em;

    /** In-scope resources of these types that one of these rules fails or cannot judge, by resource key. */
    public List<ResourceView> notPassing(Collection<String> types, Collection<String> ruleIds) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<ResourceView> views = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("""
                    SELECT resource_key, resource_type, source, evidence_id, observed_at, provenance::text, verdicts::text
                      FROM resource_state r
                     WHERE in_scope AND resource_type = ANY (?) AND %s
                     ORDER BY resource_key
                    """.formatted(JUDGED))) {
                q.setArray(1, texts(db, types));
                q.setArray(2, texts(db, ruleIds));
                q.setArray(3, db.createArrayOf("text", NOT_PASSING));
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        views.add(new ResourceView(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getTimestamp(5).toInstant(),
                                JsonColumns.read(rows.getString(6), Provenance.class),
                                JsonColumns.read(rows.getString(7), VERDICTS)));
                    }
                }
            }
            return views;
        });
    }

    /** In-scope resources of these types that one of these rules passes and none fails or cannot judge, counted. */
    public PassingResources passing(Collection<String> types, Collection<String> ruleIds, Instant freshSince) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            try (PreparedStatement q = db.prepareStatement("""
                    SELECT count(*), count(*) FILTER (WHERE observed_at < ?), min(observed_at)
                      FROM resource_state r
                     WHERE in_scope AND resource_type = ANY (?) AND %s AND NOT %s
                    """.formatted(JUDGED, JUDGED))) {
                q.setTimestamp(1, Timestamp.from(freshSince));
                q.setArray(2, texts(db, types));
                q.setArray(3, texts(db, ruleIds));
                q.setArray(4, db.createArrayOf("text", PASSING));
                q.setArray(5, texts(db, ruleIds));
                q.setArray(6, db.createArrayOf("text", NOT_PASSING));
                try (ResultSet row = q.executeQuery()) {
                    row.next();
                    Timestamp oldest = row.getTimestamp(3);
                    return new PassingResources(row.getLong(1), row.getLong(2), oldest == null ? null : oldest.toInstant());
                }
            }
        });
    }

    private static java.sql.Array texts(Connection db, Collection<String> values) throws SQLException {
        return db.createArrayOf("text", values.toArray(String[]::new));
    }
}
