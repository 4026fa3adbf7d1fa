package dev.vigil.report.review;

import java.util.Locale;

/**
 * Where one reviewed access stands. A revoke is settled only once a later collection no longer shows the access
 * (the closed loop): the reviewer's word is a request, the systems' state is the proof.
 */
public enum ItemState {
    PENDING, KEPT, REVOKE_REQUESTED, REVOKED_CONFIRMED;

    /** Kept, or revoked and seen gone: nothing left to do for this item. */
    public boolean settled() {
        return this == KEPT || this == REVOKED_CONFIRMED;
    }

    public String column() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ItemState ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
