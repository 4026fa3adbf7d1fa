package dev.vigil.evaluator.store;

import dev.vigil.evaluator.domain.ControlException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "control_exception")
public class ExceptionRecord extends PanacheEntityBase {
    @Id
    @Column(name = "exception_id")
    public String exceptionId;
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "resource_key")
    public String resourceKey;
    /** The requester; kept under its former name as well (requested_by). */
    public String owner;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "approved_by")
    public String approvedBy;
    public String justification;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_by")
    public String revokedBy;
    @Column(name = "revocation_approved_by")
    public String revocationApprovedBy;

    /** Not revoked; expiry is judged by the evaluator against its clock. */
    public static List<ExceptionRecord> unrevokedFor(String controlId) {
        return list("controlId = ?1 and revokedAt is null", controlId);
    }

    public ControlException toDomain() {
        return new ControlException(exceptionId, controlId, resourceKey, owner, justification, expiresAt);
    }
}
