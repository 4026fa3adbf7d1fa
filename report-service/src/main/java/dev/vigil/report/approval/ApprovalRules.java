package dev.vigil.report.approval;

import dev.vigil.report.approval.ApprovalRequest.Kind;
import dev.vigil.report.approval.ApprovalRequest.State;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * The four-eyes rules for risk acceptances and scoping decisions, on plain data: what a request must say, that one
 * decision is pending at a time, and that whoever requested something may not approve it. With four-eyes off (a
 * one-person team, {@code vigil.access.four-eyes=false}) the requester may approve; the decision records it.
 */
public final class ApprovalRules {
    /** The evaluator's longest risk acceptance ({@code vigil.evaluator.max-exception-days}). */
    public static final int MAX_ACCEPTANCE_DAYS = 365;

    private final boolean fourEyes;
    private final int maxAcceptanceDays;

    public ApprovalRules(boolean fourEyes, int maxAcceptanceDays) {
        this.fourEyes = fourEyes;
        this.maxAcceptanceDays = maxAcceptanceDays;
    }

    public boolean fourEyes() {
        return fourEyes;
    }

    /**
     * A new request, checked: its fields (as the kind needs them) and that no other request for the same thing is
     * pending, so an approver never sees two versions of one decision.
     */
    public ApprovalRequest request(String id, Kind kind, String controlId, String resourceKey, String decisionId,
                                   String justification, Instant expiresAt, String requester, Instant now,
                                   Collection<ApprovalRequest> pending) {
        Objects.requireNonNull(kind, "kind");
        String control = required(controlId, "controlId");
        String why = required(justification, "justification");
        String who = required(requester, "the requester");
        String key = blankToNull(resourceKey);
        String target = blankToNull(decisionId);
        Instant expiry = null;
        switch (kind) {
            case RISK_ACCEPTANCE -> {
                expiry = checkExpiry(expiresAt, now);
                target = null;
            }
            case RISK_ACCEPTANCE_REVOCATION, SCOPING_DECISION_REVOCATION -> {
                if (target == null) {
                    throw invalid("a revocation names what it revokes: 'decisionId' is required");
                }
                key = null;
            }
            case SCOPING_DECISION -> {
                if (key != null) {
                    throw invalid("a scoping decision takes a whole control out of scope, not one resource: "
                            + "leave 'resourceKey' out");
                }
                target = null;
            }
        }
        for (ApprovalRequest p : pending) {
            if (!p.pending() || p.kind() != kind || !p.controlId().equals(control)) {
                continue;
            }
            boolean same = switch (kind) {
                case RISK_ACCEPTANCE -> Objects.equals(p.resourceKey(), key);
                case SCOPING_DECISION -> true;
                default -> Objects.equals(p.decisionId(), target);
            };
            if (same) {
                throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "request " + p.id() + " (a " + kind.label()
                        + " for " + control + ", by " + p.requestedBy() + ") is already waiting for approval: "
                        + "approve or reject it first");
            }
        }
        return new ApprovalRequest(id, kind, State.PENDING, control, key, target, why, expiry, who, now, null, null,
                null, null);
    }

    /** The request approved by {@code approver}: refused when it is not pending or, with four-eyes, is their own. */
    public ApprovalRequest approve(ApprovalRequest r, String approver, Instant now) {
        String who = required(approver, "the approver");
        requirePending(r);
        if (fourEyes && who.equals(r.requestedBy())) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "four-eyes: " + who + " requested this "
                    + r.kind().label() + " (" + r.id() + ") and may not approve it; another admin must");
        }
        if (r.kind() == Kind.RISK_ACCEPTANCE && !r.expiresAt().isAfter(now)) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "this risk acceptance would have expired at "
                    + r.expiresAt() + ", before its approval: reject it and request a new one");
        }
        return r.decided(State.APPROVED, who, now, null, fourEyes, r.decisionId());
    }

    /**
     * The request rejected, with a reason. Anyone with the admin role may reject, the requester too (withdrawing a
     * request needs no second pair of eyes: nothing changes).
     */
    public ApprovalRequest reject(ApprovalRequest r, String rejecter, String reason, Instant now) {
        String who = required(rejecter, "the rejecter");
        String why = required(reason, "reason");
        requirePending(r);
        return r.decided(State.REJECTED, who, now, why, fourEyes, r.decisionId());
    }

    /** True when this approval was made by the requester, which only happens with four-eyes off. */
    public static boolean selfApproved(ApprovalRequest r) {
        return r.state() == State.APPROVED && r.requestedBy().equals(r.decidedBy());
    }

    private Instant checkExpiry(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            throw invalid("a risk acceptance needs an expiry: 'expiresAt' (a date or an ISO-8601 instant) is required");
        }
        if (!expiresAt.isAfter(now)) {
            throw invalid("'expiresAt' must be in the future, not " + expiresAt);
        }
        if (expiresAt.isAfter(now.plus(Duration.ofDays(maxAcceptanceDays)))) {
            throw invalid("a risk acceptance may last at most " + maxAcceptanceDays + " days (until "
                    + now.plus(Duration.ofDays(maxAcceptanceDays)) + "); request a renewal when it expires");
        }
        return expiresAt;
    }

    private static void requirePending(ApprovalRequest r) {
        if (!r.pending()) {
            throw new ApprovalRefused(ApprovalRefused.Why.CONFLICT, "request " + r.id() + " was already "
                    + r.state().name().toLowerCase() + " by " + r.decidedBy() + " at " + r.decidedAt());
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid("'" + field + "' is required");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ApprovalRefused invalid(String message) {
        return new ApprovalRefused(ApprovalRefused.Why.INVALID, message);
    }
}
