package dev.vigil.common.ledger;

import dev.vigil.common.evidence.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The evidence ledger: an append-only hash chain. Each {@link LedgerRecord} carries the hash of the record before
 * it, so changing, removing or reordering any record breaks every link after it. Pure functions, no I/O: callers
 * store the records (the evaluator, in PostgreSQL) and ship segments of them (in evidence bundles).
 */
public final class LedgerChain {
    private LedgerChain() {
    }

    /**
     * Links {@code entries}, in order, after the record whose hash is {@code previousHash}.
     *
     * @param previousHash the hash of the last record of the chain, or {@link LedgerRecord#GENESIS_HASH} for a new
     *                     chain
     * @param nextSeq      the seq of the first new record: the last record's seq + 1, or 1 for a new chain
     * @param recordedAt   when the records are appended (truncated to microseconds); observation times are truncated
     *                     the same way
     */
    public static List<LedgerRecord> append(String previousHash, long nextSeq, List<LedgerEntry> entries,
                                            Instant recordedAt) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (LedgerRecord.GENESIS_HASH.equals(previousHash) && nextSeq != 1) {
            throw new IllegalArgumentException("a chain starting at the genesis hash starts at seq 1, not " + nextSeq);
        }
        Instant at = Times.micros(recordedAt);
        List<LedgerRecord> records = new ArrayList<>(entries.size());
        String prev = previousHash;
        long seq = nextSeq;
        for (LedgerEntry entry : entries) {
            LedgerEntry micros = new LedgerEntry(entry.evidenceId(), entry.source(), entry.resourceType(),
                    entry.resourceKey(), Times.micros(entry.observedAt()));
            LedgerRecord record = LedgerRecord.link(seq++, micros, at, prev);
            records.add(record);
            prev = record.hash();
        }
        return records;
    }

    /**
     * Checks that {@code records} link to {@code anchorPrevHash} and to each other, in order, with consecutive seqs.
     * The first record may have any seq, except after the genesis hash, where it must be 1.
     */
    public static LedgerVerification verify(String anchorPrevHash, List<LedgerRecord> records) {
        Verifier verifier = verifier(anchorPrevHash, null);
        for (LedgerRecord record : records) {
            if (!verifier.accept(record)) {
                break;
            }
        }
        return verifier.result();
    }

    /**
     * A verifier fed one record at a time, for segments too long to hold in memory.
     *
     * @param expectedFirstSeq the seq the first record must have, or null for any (1 after the genesis hash)
     */
    public static Verifier verifier(String anchorPrevHash, Long expectedFirstSeq) {
        return new Verifier(anchorPrevHash, expectedFirstSeq);
    }

    /** Checks records in order; stops at the first broken one. Not thread-safe. */
    public static final class Verifier {
        private String lastHash;
        private Long expectedSeq;
        private long checked;
        private LedgerVerification broken;

        private Verifier(String anchorPrevHash, Long expectedFirstSeq) {
            this.lastHash = Objects.requireNonNull(anchorPrevHash, "anchorPrevHash");
            this.expectedSeq = expectedFirstSeq != null ? expectedFirstSeq
                    : LedgerRecord.GENESIS_HASH.equals(anchorPrevHash) ? Long.valueOf(1) : null;
        }

        /** Checks the next record; false once the chain is broken (later records are then ignored). */
        public boolean accept(LedgerRecord record) {
            if (broken != null) {
                return false;
            }
            checked++;
            if (expectedSeq != null && record.seq() != expectedSeq) {
                return fail(record, LedgerVerification.Breakage.SEQ_GAP,
                        "expected seq " + expectedSeq + ", found " + record.seq());
            }
            if (!record.prevHash().equals(lastHash)) {
                return fail(record, LedgerVerification.Breakage.PREV_LINK_BROKEN,
                        "prevHash " + record.prevHash() + " is not the previous hash " + lastHash);
            }
            String recomputed = record.computeHash();
            if (!recomputed.equals(record.hash())) {
                return fail(record, LedgerVerification.Breakage.HASH_MISMATCH,
                        "hash " + record.hash() + " is not the sha256 of the record, " + recomputed);
            }
            lastHash = record.hash();
            expectedSeq = record.seq() + 1;
            return true;
        }

        /** The outcome so far. */
        public LedgerVerification result() {
            return broken != null ? broken : LedgerVerification.ok(checked, lastHash);
        }

        private boolean fail(LedgerRecord record, LedgerVerification.Breakage breakage, String detail) {
            broken = LedgerVerification.broken(checked, record.seq(), breakage, detail, lastHash);
            return false;
        }
    }
}
