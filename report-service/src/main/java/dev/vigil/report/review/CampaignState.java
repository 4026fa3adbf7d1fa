package dev.vigil.report.review;

/** A campaign: open (within its window), completed (every item settled), or overdue (its window passed first). */
public enum CampaignState {
    OPEN, COMPLETED, OVERDUE;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
