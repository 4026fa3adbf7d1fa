package dev.vigil.report.approval;

import dev.vigil.report.approval.ApprovalRequest.Kind;
import dev.vigil.report.approval.ApprovalRequest.State;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Approval requests (table approval_request), over JDBC: most columns are nullable and typed nulls bind reliably. */
@ApplicationScoped
public class ApprovalStore {
    private static final String COLUMNS = "request_id, kind, state, control_id, resource_key, decision_id, "
            + "justification, expires_at, requested_by, requested_at, decided_by, decided_at, reason, four_eyes";

    private final EntityManager em;
    private final String table;

    public ApprovalStore(EntityManager em,
                         @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.em = em;
        this.table = schema + ".approval_request";
    }

    @Transactional
    public void insert(ApprovalRequest r) {
        update("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.kind().name(), r.state().name(), r.controlId(), r.resourceKey(), r.decisionId(),
                r.justification(), r.expiresAt(), r.requestedBy(), r.requestedAt(), r.decidedBy(), r.decidedAt(),
                r.reason(), r.fourEyes());
    }

    /**
     * Records a decision on a request that is still pending; false when another admin decided it first (then
     * nothing changes), so two approvals racing each other never both reach the evaluator.
     */
    @Transactional
    public boolean decide(ApprovalRequest d) {
        return update("UPDATE " + table + " SET state = ?, decided_by = ?, decided_at = ?, reason = ?, four_eyes = ?, "
                        + "decision_id = ? WHERE request_id = ? AND state = 'PENDING'", d.state().name(), d.decidedBy(),
                d.decidedAt(), d.reason(), d.fourEyes(), d.decisionId(), d.id()) == 1;
    }

    /** Back to pending: the evaluator refused or could not be reached after the approval was claimed. */
    @Transactional
    public void reopen(String requestId) {
        update("UPDATE " + table + " SET state = 'PENDING', decided_by = NULL, decided_at = NULL, four_eyes = NULL "
                + "WHERE request_id = ? AND state = 'APPROVED'", requestId);
    }

    /** The evaluator's id for what an approval created. */
    @Transactional
    public void recordDecisionId(String requestId, String decisionId) {
        update("UPDATE " + table + " SET decision_id = ? WHERE request_id = ?", decisionId, requestId);
    }

    @Transactional
    public Optional<ApprovalRequest> find(String requestId) {
        return read("WHERE request_id = ?", requestId).stream().findFirst();
    }

    /** Newest first; {@code controlId} and {@code state} narrow it when not null. */
    @Transactional
    public List<ApprovalRequest> list(String controlId, State state) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE true");
        if (controlId != null) {
            where.append(" AND control_id = ?");
            params.add(controlId);
        }
        if (state != null) {
            where.append(" AND state = ?");
            params.add(state.name());
        }
        return read(where + " ORDER BY requested_at DESC, request_id", params.toArray());
    }

    private int update(String sql, Object... params) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            try (PreparedStatement q = db.prepareStatement(sql)) {
                bind(q, params);
                return q.executeUpdate();
            }
        });
    }

    private List<ApprovalRequest> read(String where, Object... params) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<ApprovalRequest> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " " + where)) {
                bind(q, params);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        Object fourEyes = r.getObject(14);
                        out.add(new ApprovalRequest(r.getString(1), Kind.valueOf(r.getString(2)),
                                State.valueOf(r.getString(3)), r.getString(4), r.getString(5), r.getString(6),
                                r.getString(7), instant(r.getTimestamp(8)), r.getString(9), instant(r.getTimestamp(10)),
                                r.getString(11), instant(r.getTimestamp(12)), r.getString(13), (Boolean) fourEyes));
                    }
                }
            }
            return out;
        });
    }

    private static void bind(PreparedStatement q, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                q.setTimestamp(i + 1, Timestamp.from(t));
            } else if (p instanceof Boolean b) {
                q.setBoolean(i + 1, b);
            } else if (p == null) {
                // Typed by the column: PostgreSQL infers it from the statement.
                q.setNull(i + 1, Types.NULL);
            } else {
                q.setString(i + 1, p.toString());
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
