package dev.vigil.evaluator.store;

import dev.vigil.evaluator.domain.ScopingDecision;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "scoping_decision")
public class ScopingRecord extends PanacheEntityBase {
    @Id
    @Column(name = "decision_id")
    public String decisionId;
    @Column(name = "control_id")
    public String controlId;
    public String justification;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_by")
    public String revokedBy;
    @Column(name = "revocation_approved_by")
    public String revocationApprovedBy;

    public static Optional<ScopingRecord> activeFor(String controlId) {
        return find("controlId = ?1 and revokedAt is null", controlId).firstResultOptional();
    }

    public ScopingDecision toDomain() {
        return new ScopingDecision(controlId, justification, decidedBy, decidedAt);
    }
}
