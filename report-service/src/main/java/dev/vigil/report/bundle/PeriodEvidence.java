package dev.vigil.report.bundle;

import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.report.period.Period;

import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a period bundle reads besides the status history: the evaluator's evidence and ledger, and the evidence
 * store's raw responses. Everything is read lazily, page by page, so a year of evidence is never held at once.
 */
public interface PeriodEvidence {

    /** Every evidence version the control was judged on that was observed during the period, in ledger order. */
    Iterator<ObservedEvidence> observed(String controlId, Period period);

    /** The redacted raw response with this sha256, or empty when the evidence store does not hold it. */
    Optional<InputStream> rawResponse(String sha256) throws IOException;

    /**
     * The ledger records first recorded during the period, and where they attach to the whole chain: for a ledger of
     * one chain. A source with {@link #ledgerChains} answers an empty slice.
     */
    LedgerSlice ledger(Period period);

    /**
     * A ledger of one chain per partition: each chain's records first recorded during the period, every chain (those
     * the period added nothing to too); empty for a source of one chain ({@link #ledger}).
     */
    default List<ChainSlice> ledgerChains(Period period) {
        return List.of();
    }

    /** The signed checkpoints a period's chains are checked against: the last before it and those made in it. */
    default List<LedgerCheckpoint> checkpoints(Period period) {
        return List.of();
    }

    /** The evaluator's public keys that sign checkpoints, by key id. */
    default Map<String, PublicKey> checkpointKeys() {
        return Map.of();
    }

    /**
     * @param anchorPrevHash the hash the period's first record links to: the chain's last record before the period,
     *                       or its genesis hash
     * @param firstSeq       the seq the period's first record has (or would have)
     */
    record ChainSlice(String chain, String anchorPrevHash, long firstSeq, Iterator<LedgerRecord> records) {
    }

    /**
     * The complete list of failing resources of the control's status published at {@code evaluatedAt}, in the
     * evaluator's order (its {@code GET /api/controls/{id}/failing-resources}): the status event listed only the first.
     * Empty when the evaluator keeps no list for that status: it was published, but the evaluation that published it
     * was not committed (a crash between the broker's acknowledgement and the commit) and was published again.
     */
    Optional<Iterator<FailingResource>> failingResources(String controlId, Instant evaluatedAt);

    /** Every risk acceptance recorded, active or not. */
    List<AcceptedException> acceptedExceptions();

    /**
     * The documents of the risk acceptances and scoping decisions whose ledger records were appended during the
     * period (the evaluator's {@code GET /api/ledger/decisions}); none by default.
     */
    default List<DecisionDocument> decisions(Period period) {
        return List.of();
    }

    /**
     * @param seq        the ledger record's seq
     * @param evidenceId the ledger record's evidenceId: {@code sha256:} + the sha256 of {@code document}
     * @param document   the exact text hashed (LedgerDecision)
     */
    record DecisionDocument(long seq, String evidenceId, String document) {
    }

    /**
     * @param anchorPrevHash the hash the first record links to; null when no record falls in the period
     * @param firstSeq       the first record's sequence number
     */
    record LedgerSlice(String anchorPrevHash, long firstSeq, Iterator<LedgerRecord> records) {
        public boolean isEmpty() {
            return anchorPrevHash == null;
        }
    }

    /** The evaluator or the evidence store could not be read: the bundle is not written (or left unfinished). */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
