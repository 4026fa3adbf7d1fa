package dev.vigil.common.catalogue;

/** How often a control operates; manual evidence older than {@link #maxAgeDays()} is stale. */
public enum Frequency {
    ONGOING(1), DAILY(1), WEEKLY(7), MONTHLY(31), QUARTERLY(92), SEMIANNUALLY(183), ANNUALLY(365);

    private final int maxAgeDays;

    Frequency(int maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }

    public int maxAgeDays() {
        return maxAgeDays;
    }
}
