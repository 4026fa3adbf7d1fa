package dev.vigil.bundle;

/**
 * {@code ledger/anchor.json}: where a bundle's ledger segment sits in the whole ledger.
 * <pre>
 * { "prevHash" : "…", "firstSeq" : 1041, "recordCount" : 12, "lastHash" : "…" }
 * </pre>
 *
 * @param prevHash    hash of the record just before the segment (64 zeros when the segment starts the ledger)
 * @param firstSeq    seq of the segment's first record (of the next record, when the segment is empty)
 * @param recordCount records in the segment
 * @param lastHash    hash of the segment's last record ({@code prevHash} when empty): the next period's bundle
 *                    starts from it, so consecutive bundles can be checked to join
 */
public record LedgerAnchor(String prevHash, long firstSeq, long recordCount, String lastHash) {
}
