package dev.vigil.report.web;

import dev.vigil.report.approval.ApprovalRequest;
import dev.vigil.report.linked.ScopingDecisionView;

import java.util.List;

/**
 * The approvals part of a control's page: requests waiting for a second admin, the latest decided ones, the scoping
 * decision in force, and the forms (for admins only).
 *
 * @param me                 the signed-in user, so their own requests show that another admin must approve them
 * @param scoping            the control's scoping decisions, or null when {@code scopingUnavailable} says why
 * @param refused            why the last form posted was refused, or null
 * @param latestExpiry       the latest expiry a risk acceptance requested today may have (yyyy-MM-dd)
 */
public record ApprovalsPanel(boolean admin, String me, boolean fourEyes, List<ApprovalRequest> pending,
                             List<ApprovalRequest> decided, List<ScopingDecisionView> scoping,
                             String scopingUnavailable, String refused, String earliestExpiry, String latestExpiry) {

    public boolean mine(ApprovalRequest r) {
        return r.requestedBy().equals(me);
    }

    /** A scoping decision in force, or null. */
    public ScopingDecisionView activeScoping() {
        return scoping == null ? null : scoping.stream().filter(ScopingDecisionView::active).findFirst().orElse(null);
    }
}
