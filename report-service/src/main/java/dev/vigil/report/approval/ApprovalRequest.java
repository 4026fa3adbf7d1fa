package dev.vigil.report.approval;

import java.time.Instant;

/**
 * A request for a governance decision, made by one admin and decided (approved or rejected) by another: accept a
 * risk, scope a control out, or revoke either. Approval has report-service ask the control-evaluator to record the
 * decision with both names.
 *
 * @param resourceKey    a risk acceptance's one accepted resource, or null for the whole control
 * @param decisionId     for a revocation: the exception ({@code EX-…}) or scoping decision ({@code SD-…}) it revokes;
 *                       once approved: the id the evaluator gave the new exception or decision
 * @param justification  why: the risk accepted, why the control is out of scope, or why the decision is revoked
 * @param expiresAt      a risk acceptance's expiry (required); null for the other kinds
 * @param decidedBy      who approved or rejected it
 * @param reason         why it was rejected
 * @param fourEyes       whether four-eyes applied when it was decided (null while pending)
 */
public record ApprovalRequest(String id, Kind kind, State state, String controlId, String resourceKey,
                              String decisionId, String justification, Instant expiresAt, String requestedBy,
                              Instant requestedAt, String decidedBy, Instant decidedAt, String reason,
                              Boolean fourEyes) {

    public enum Kind {
        RISK_ACCEPTANCE("risk acceptance"),
        RISK_ACCEPTANCE_REVOCATION("revocation of a risk acceptance"),
        SCOPING_DECISION("scoping decision"),
        SCOPING_DECISION_REVOCATION("revocation of a scoping decision");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How an auditor reads it: "risk acceptance". */
        public String label() {
            return label;
        }

        public boolean revocation() {
            return this == RISK_ACCEPTANCE_REVOCATION || this == SCOPING_DECISION_REVOCATION;
        }
    }

    public enum State { PENDING, APPROVED, REJECTED }

    public boolean pending() {
        return state == State.PENDING;
    }

    ApprovalRequest decided(State to, String by, Instant at, String why, boolean withFourEyes, String newDecisionId) {
        return new ApprovalRequest(id, kind, to, controlId, resourceKey, newDecisionId, justification, expiresAt,
                requestedBy, requestedAt, by, at, why, withFourEyes);
    }
}
