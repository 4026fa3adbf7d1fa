package dev.vigil.common.ledger;

/**
 * The outcome of checking a run of ledger records.
 *
 * @param valid          every record links and hashes as it should
 * @param recordsChecked records read, the broken one included
 * @param brokenSeq      the seq of the first record that does not link (as the record states it), or null
 * @param breakage       why it does not, or null when valid
 * @param detail         a sentence naming the expected and the found value, or null when valid
 * @param lastHash       the hash of the last record that linked (the anchor if none did): where the chain can be
 *                       continued from
 */
public record LedgerVerification(boolean valid, long recordsChecked, Long brokenSeq, Breakage breakage,
                                 String detail, String lastHash) {

    public enum Breakage {
        /** The record's seq is not the one after the record before it (or not the expected first seq). */
        SEQ_GAP,
        /** The record's prevHash is not the hash of the record before it (or of the anchor). */
        PREV_LINK_BROKEN,
        /** The record's hash is not the sha256 of its canonical form: one of its fields was changed. */
        HASH_MISMATCH,
        /** A stored record cannot be read at all (for readers of ledger files; {@link LedgerChain} never says it). */
        MALFORMED,
        /** The records end elsewhere than where a segment's anchor says they end (for readers of ledger files). */
        ANCHOR_MISMATCH
    }

    static LedgerVerification ok(long recordsChecked, String lastHash) {
        return new LedgerVerification(true, recordsChecked, null, null, null, lastHash);
    }

    static LedgerVerification broken(long recordsChecked, long seq, Breakage breakage, String detail,
                                     String lastHash) {
        return new LedgerVerification(false, recordsChecked, seq, breakage, detail, lastHash);
    }

    /** One line: {@code valid (12 records)} or {@code broken at seq 7: PREV_LINK_BROKEN: ...}. */
    public String describe() {
        return valid
                ? "valid (" + recordsChecked + " records)"
                : "broken at seq " + brokenSeq + ": " + breakage + ": " + detail;
    }
}
