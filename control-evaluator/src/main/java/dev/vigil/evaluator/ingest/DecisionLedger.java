package dev.vigil.evaluator.ingest;

import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerDecision;
import dev.vigil.common.ledger.LedgerRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Risk acceptances and scoping decisions in the evidence ledger: each one created or revoked keeps its document
 * (table ledger_decision) and is appended to the ledger's chain of decisions in the transaction that records the decision, so the
 * decision and its ledger record exist together or not at all.
 */
@ApplicationScoped
public class DecisionLedger {
    @Inject
    EntityManager em;
    @Inject
    EvidenceLedger ledger;

    /** A decision's document as kept, with its place (seq) in the chain of decisions. */
    public record Kept(long seq, String evidenceId, String resourceType, String resourceKey, String controlId,
                       Instant decidedAt, String document) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerRecord append(LedgerDecision decision, String controlId) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            String document = decision.document();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO ledger_decision (evidence_id, "
                    + "resource_type, resource_key, control_id, decided_at, document) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, decision.evidenceId());
                insert.setString(2, decision.resourceType());
                insert.setString(3, decision.resourceKey());
                insert.setString(4, controlId);
                insert.setTimestamp(5, Timestamp.from(decision.at()));
                insert.setString(6, document);
                insert.executeUpdate();
            }
            return ledger.append(db, LedgerChains.DECISIONS, List.of(decision.entry())).get(0);
        });
    }

    /** Decisions whose ledger records were appended in [from, to), in chain order. */
    @Transactional
    public List<Kept> recordedBetween(Instant from, Instant to) {
        return em.unwrap(Session.class).doReturningWork(db -> {
            List<Kept> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("SELECT l.seq, d.evidence_id, d.resource_type, "
                    + "d.resource_key, d.control_id, d.decided_at, d.document FROM ledger_decision d "
                    + "JOIN evidence_ledger l ON l.evidence_id = d.evidence_id "
                    + "WHERE l.recorded_at >= ? AND l.recorded_at < ? ORDER BY l.position")) {
                q.setTimestamp(1, Timestamp.from(from));
                q.setTimestamp(2, Timestamp.from(to));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new Kept(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getTimestamp(6).toInstant(), r.getString(7)));
                    }
                }
            }
            return out;
        });
    }
}
