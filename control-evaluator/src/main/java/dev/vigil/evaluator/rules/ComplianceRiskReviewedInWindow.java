package dev.vigil.evaluator.rules;

import jakarta.inject.Singleton;

import java.util.Set;

/** RA-03's assessment: the risks from laws, regulations, customer commitments (SLAs) and vendors, reviewed yearly. */
@Singleton
public class ComplianceRiskReviewedInWindow extends RiskReviewedInWindow {
    static final Set<String> CATEGORIES = Set.of("legal", "regulatory", "contractual", "vendor");

    @Override
    public String id() {
        return "register.compliance-risk-reviewed-in-window";
    }

    @Override
    public String description() {
        return "Every open legal, regulatory, contractual (SLA) or vendor risk was reviewed within the last 365 days.";
    }

    @Override
    protected boolean concerns(String category) {
        return CATEGORIES.contains(category);
    }
}
