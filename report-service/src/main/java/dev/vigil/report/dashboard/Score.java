package dev.vigil.report.dashboard;

/**
 * The share of controls passing in one group (a trust category, a criterion, all controls on a day).
 *
 * @param counted controls that count: every control in the group except NOT_APPLICABLE ones (a recorded scoping
 *                decision says they do not apply, so they neither help nor hurt)
 */
public record Score(String key, String name, int passing, int counted) {

    public Score {
        if (passing < 0 || passing > counted) {
            throw new IllegalArgumentException("passing " + passing + " out of " + counted);
        }
    }

    /** 0 to 1; null when nothing in the group counts (an empty share is unknown, not 0 % or 100 %). */
    public Double share() {
        return counted == 0 ? null : (double) passing / counted;
    }

    /** Whole percent for people, rounded down so 99.6 % never reads as "100 %" while one control fails. */
    public String percent() {
        return counted == 0 ? "—" : (passing * 100 / counted) + " %";
    }

    /** The share as a CSS width in whole percent (0 when nothing counts). */
    public int widthPercent() {
        return counted == 0 ? 0 : passing * 100 / counted;
    }
}
