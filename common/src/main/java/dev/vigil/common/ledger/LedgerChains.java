package dev.vigil.common.ledger;

import dev.vigil.common.evidence.Hashing;

import java.util.regex.Pattern;

/**
 * The ledger is several hash chains, one per Kafka partition of the evidence topic, so that transactions of different
 * partitions append without waiting for each other (docs/bundles.md#the-evidence-ledger). Each chain is a
 * {@link LedgerChain} of its own; signed {@link LedgerCheckpoint}s bind their heads together.
 *
 * <p>A chain starts from a genesis hash derived from its name, so a record cannot be moved to another chain, nor a
 * whole chain renamed, without breaking its links. {@link #LEGACY}, the single chain of before, keeps the 64 zeros it
 * started from: its stored hashes stay checkable as they were.
 */
public final class LedgerChains {
    /** The single chain every record joined before the ledger had several (seq and hashes unchanged). */
    public static final String LEGACY = "legacy";
    /** Risk acceptances and scoping decisions: recorded through the API, on no partition. */
    public static final String DECISIONS = "decisions";
    /** Evidence the evaluator derives itself (the identity join), on no partition. */
    public static final String DERIVED = "derived";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private LedgerChains() {
    }

    /** The chain of a Kafka partition: {@code vigil.evidence.v1-0}, as Kafka names a topic-partition. */
    public static String ofPartition(String topic, int partition) {
        return requireName(topic + "-" + partition);
    }

    /** The prevHash of a chain's first record: sha256 of {@code vigil-ledger-chain-v1\n<name>\n}, zeros for legacy. */
    public static String genesis(String chain) {
        requireName(chain);
        return LEGACY.equals(chain) ? LedgerRecord.GENESIS_HASH
                : Hashing.sha256Hex("vigil-ledger-chain-v1\n" + chain + "\n");
    }

    /** Names are path segments in bundles and words in checkpoint lines: letters, digits, '.', '_', '-'. */
    public static String requireName(String chain) {
        if (chain == null || !NAME.matcher(chain).matches()) {
            throw new IllegalArgumentException("not a ledger chain name (1-200 of A-Z a-z 0-9 . _ -): '" + chain + "'");
        }
        return chain;
    }

    /** A verifier for a segment of {@code chain} hanging from {@code anchorPrevHash}; seq 1 after the genesis. */
    public static LedgerChain.Verifier verifier(String chain, String anchorPrevHash, Long expectedFirstSeq) {
        Long first = expectedFirstSeq != null ? expectedFirstSeq : genesis(chain).equals(anchorPrevHash) ? 1L : null;
        return LedgerChain.verifier(anchorPrevHash, first);
    }
}
