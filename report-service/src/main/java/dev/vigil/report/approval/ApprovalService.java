package dev.vigil.report.approval;

import dev.vigil.access.AccessConfig;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.approval.ApprovalRequest.Kind;
import dev.vigil.report.approval.ApprovalRequest.State;
import dev.vigil.report.linked.ControlException;
import dev.vigil.report.linked.ScopingDecisionView;
import dev.vigil.report.linked.LinkedServices;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The approval workflow: requests, approvals and rejections of risk acceptances and scoping decisions (and of their
 * revocations). The rules are {@link ApprovalRules}; this adapter stores requests, asks the control-evaluator to
 * record what was approved (with requester and approver), and writes every step to the audit log. Who acts is
 * always the signed-in identity, never a name from a request body.
 */
@ApplicationScoped
public class ApprovalService {
    private static final Logger LOG = Logger.getLogger(ApprovalService.class);

    private final ApprovalStore store;
    private final ApprovalRules rules;
    private final AuditLog audit;
    private final LinkedServices services;
    private final Catalogue catalogue;
    private final Clock clock;

    public ApprovalService(ApprovalStore store, AccessConfig access, AuditLog audit, LinkedServices services,
                           Catalogue catalogue, Clock clock) {
        this.store = store;
        this.rules = new ApprovalRules(access.fourEyes(), ApprovalRules.MAX_ACCEPTANCE_DAYS);
        this.audit = audit;
        this.services = services;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    void warnWhenFourEyesIsOff(@Observes StartupEvent start) {
        if (!rules.fourEyes()) {
            LOG.warn("four-eyes is OFF (vigil.access.four-eyes=false): an admin may approve their own risk "
                    + "acceptances and scoping decisions; each such approval is recorded as made without four-eyes");
        }
    }

    public boolean fourEyes() {
        return rules.fourEyes();
    }

    public ApprovalRequest requestRiskAcceptance(SecurityIdentity who, String controlId, String resourceKey,
                                                 String justification, Instant expiresAt) {
        return request(who, Kind.RISK_ACCEPTANCE, known(controlId), resourceKey, null, justification, expiresAt);
    }

    /** Refused when the control is already out of scope: the approver would only meet the evaluator's 409. */
    public ApprovalRequest requestScopingDecision(SecurityIdentity who, String controlId, String justification) {
        String id = known(controlId);
        requireText(justification, "justification");
        scopingDecisions(id).stream().filter(ScopingDecisionView::active).findFirst().ifPresent(d -> {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, id + " is already out of scope (" + d.id()
                    + ", requested by " + d.requestedBy() + "); request its revocation instead");
        });
        return request(who, Kind.SCOPING_DECISION, id, null, null, justification, null);
    }

    /** A revocation of the evaluator's exception {@code exceptionId}, which must still be in force. */
    public ApprovalRequest requestRiskAcceptanceRevocation(SecurityIdentity who, String exceptionId,
                                                           String justification) {
        requireText(justification, "justification");
        ControlException x = riskAcceptances(null).stream().filter(e -> e.id().equals(exceptionId)).findFirst()
                .orElseThrow(() -> new ApprovalRefused(ApprovalRefused.Why.NOT_FOUND, "no risk acceptance '"
                        + exceptionId + "'"));
        if (!x.active()) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "risk acceptance " + exceptionId
                    + " is no longer in force (revoked or expired): there is nothing to revoke");
        }
        return request(who, Kind.RISK_ACCEPTANCE_REVOCATION, x.controlId(), null, x.id(), justification, null);
    }

    /** A revocation of the evaluator's scoping decision {@code decisionId}, which must still be in force. */
    public ApprovalRequest requestScopingRevocation(SecurityIdentity who, String decisionId, String justification) {
        requireText(justification, "justification");
        ScopingDecisionView d = scopingDecisions(null).stream().filter(s -> s.id().equals(decisionId)).findFirst()
                .orElseThrow(() -> new ApprovalRefused(ApprovalRefused.Why.NOT_FOUND, "no scoping decision '"
                        + decisionId + "'"));
        if (!d.active()) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "scoping decision " + decisionId
                    + " was already revoked");
        }
        return request(who, Kind.SCOPING_DECISION_REVOCATION, d.controlId(), null, d.id(), justification, null);
    }

    /**
     * Approves a pending request and has the evaluator record the decision with requester and approver. If the
     * evaluator refuses or cannot be reached, the request stays pending and the refusal says why.
     */
    public ApprovalRequest approve(SecurityIdentity who, String requestId) {
        ApprovalRequest pending = find(requestId);
        ApprovalRequest approved = rules.approve(pending, name(who), clock.instant());
        if (!store.decide(approved)) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "request " + requestId
                    + " was decided by someone else a moment ago: reload it");
        }
        LinkedServices.Reply reply = record(approved);
        if (!reply.ok()) {
            store.reopen(requestId);
            throw new ApprovalRefused(reply.refused() ? ApprovalRefused.Why.CONFLICT
                    : ApprovalRefused.Why.EVALUATOR_FAILED, "the control-evaluator did not record the "
                    + approved.kind().label() + ", so request " + requestId + " is still pending: " + reply.error());
        }
        // A creation answers with the new exception's or decision's id; a revocation with the one it revoked.
        String decisionId = reply.body() != null && reply.body().path("id").isTextual()
                ? reply.body().get("id").asText() : approved.decisionId();
        if (decisionId != null && !decisionId.equals(approved.decisionId())) {
            store.recordDecisionId(requestId, decisionId);
        }
        ApprovalRequest done = store.find(requestId).orElseThrow();
        audit.record(who, action(done.kind(), State.APPROVED), target(done), null, describe(done)
                + "; approved by " + done.decidedBy() + (ApprovalRules.selfApproved(done)
                ? "; FOUR-EYES OFF (vigil.access.four-eyes=false): approved by its own requester"
                : rules.fourEyes() ? "" : "; four-eyes off"));
        return done;
    }

    public ApprovalRequest reject(SecurityIdentity who, String requestId, String reason) {
        ApprovalRequest rejected = rules.reject(find(requestId), name(who), reason, clock.instant());
        if (!store.decide(rejected)) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "request " + requestId
                    + " was decided by someone else a moment ago: reload it");
        }
        audit.record(who, action(rejected.kind(), State.REJECTED), target(rejected), null, describe(rejected)
                + "; rejected by " + rejected.decidedBy() + ": " + rejected.reason());
        return rejected;
    }

    public ApprovalRequest find(String requestId) {
        return store.find(requestId).orElseThrow(() -> new ApprovalRefused(ApprovalRefused.Why.NOT_FOUND,
                "no approval request '" + requestId + "'"));
    }

    public List<ApprovalRequest> list(String controlId, State state) {
        return store.list(controlId, state);
    }

    /** The evaluator's risk acceptances (of one control, or all); refused when it cannot be read. */
    public List<ControlException> riskAcceptances(String controlId) {
        LinkedServices.Answer<List<ControlException>> a = services.exceptions(controlId);
        if (!a.ok()) {
            throw new ApprovalRefused(ApprovalRefused.Why.EVALUATOR_FAILED, a.unavailable());
        }
        return a.value();
    }

    /** The evaluator's scoping decisions (of one control, or all); refused when it cannot be read. */
    public List<ScopingDecisionView> scopingDecisions(String controlId) {
        LinkedServices.Answer<List<ScopingDecisionView>> a = services.scopingDecisions();
        if (!a.ok()) {
            throw new ApprovalRefused(ApprovalRefused.Why.EVALUATOR_FAILED, a.unavailable());
        }
        return a.value().stream().filter(d -> controlId == null || d.controlId().equals(controlId)).toList();
    }

    private ApprovalRequest request(SecurityIdentity who, Kind kind, String controlId, String resourceKey,
                                    String decisionId, String justification, Instant expiresAt) {
        ApprovalRequest r = rules.request(UUID.randomUUID().toString(), kind, controlId, resourceKey, decisionId,
                justification, expiresAt, name(who), clock.instant(), store.list(controlId, State.PENDING));
        store.insert(r);
        audit.record(who, action(kind, State.PENDING), target(r), null, describe(r));
        return r;
    }

    /** The evaluator call that carries out an approved request. */
    private LinkedServices.Reply record(ApprovalRequest r) {
        return switch (r.kind()) {
            case RISK_ACCEPTANCE -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("controlId", r.controlId());
                body.put("resourceKey", r.resourceKey());
                body.put("justification", r.justification());
                body.put("expiresAt", r.expiresAt().toString());
                body.put("requestedBy", r.requestedBy());
                body.put("approvedBy", r.decidedBy());
                yield services.recordException(body);
            }
            case SCOPING_DECISION -> services.recordScopingDecision(Map.of(
                    "controlId", r.controlId(), "justification", r.justification(), "requestedBy", r.requestedBy(),
                    "approvedBy", r.decidedBy()));
            case RISK_ACCEPTANCE_REVOCATION -> services.revokeException(r.decisionId(), r.requestedBy(), r.decidedBy());
            case SCOPING_DECISION_REVOCATION -> services.revokeScopingDecision(r.controlId(), r.requestedBy(),
                    r.decidedBy());
        };
    }

    static AuditLog.Action action(Kind kind, State step) {
        String prefix = kind.revocation() ? "REVOCATION" : kind == Kind.RISK_ACCEPTANCE ? "RISK_ACCEPTANCE"
                : "SCOPING_DECISION";
        String suffix = switch (step) {
            case PENDING -> "REQUESTED";
            case APPROVED -> "APPROVED";
            case REJECTED -> "REJECTED";
        };
        return AuditLog.Action.valueOf(prefix + "_" + suffix);
    }

    private static String target(ApprovalRequest r) {
        return "approval-request " + r.id();
    }

    /** One sentence for the audit log: what was asked, about what, by whom. */
    static String describe(ApprovalRequest r) {
        String what = switch (r.kind()) {
            case RISK_ACCEPTANCE -> "risk acceptance of " + r.controlId()
                    + (r.resourceKey() == null ? " (whole control)" : " resource " + r.resourceKey())
                    + " until " + r.expiresAt();
            case SCOPING_DECISION -> "scoping decision: " + r.controlId() + " not applicable";
            case RISK_ACCEPTANCE_REVOCATION -> "revocation of risk acceptance " + r.decisionId() + " of " + r.controlId();
            case SCOPING_DECISION_REVOCATION -> "revocation of scoping decision " + r.decisionId() + " of "
                    + r.controlId();
        };
        return what + (r.state() == State.APPROVED && r.decisionId() != null && !r.kind().revocation()
                ? " (" + r.decisionId() + ")" : "") + ": " + r.justification() + "; requested by " + r.requestedBy();
    }

    private String known(String controlId) {
        String id = requireText(controlId, "controlId");
        if (catalogue.control(id).isEmpty()) {
            throw new ApprovalRefused(ApprovalRefused.Why.NOT_FOUND, "unknown control '" + id + "'");
        }
        return id;
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApprovalRefused(ApprovalRefused.Why.INVALID, "'" + field + "' is required");
        }
        return value.strip();
    }

    private static String name(SecurityIdentity who) {
        return who.getPrincipal().getName();
    }
}
