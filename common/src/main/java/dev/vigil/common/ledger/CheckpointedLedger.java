package dev.vigil.common.ledger;

import dev.vigil.common.signing.EventVerifier;
import dev.vigil.common.signing.Verification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a ledger of several chains bound by checkpoints (a bundle's, or the evaluator's own): checkpoints first,
 * in order, then each chain's segment record by record. Every problem names the chain and the seq (or the
 * checkpoint) it is about. Not thread-safe; nothing is held per record but the heads the checkpoints name.
 *
 * <p>What fails: a checkpoint that does not link to the one before, whose hash is not its content's, that is not
 * signed or whose signature does not verify with the trusted keys; a chain head that goes back from one checkpoint to
 * the next; a chain record that does not link (changed, removed, reordered: {@link LedgerChain}); a checkpoint head
 * that disagrees with the chain's record at that seq, or that lies beyond the end of the chain as given (its tail
 * was cut off).
 */
public final class CheckpointedLedger {
    /** One thing wrong. {@code chain} null for a checkpoint's own problem; {@code seq} the record's or checkpoint's. */
    public record Problem(String chain, Long seq, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private record Expected(long checkpointSeq, String hash) {
    }

    private final EventVerifier keys;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Map<Long, Expected>> expected = new HashMap<>();
    private final Map<String, LedgerCheckpoint.Head> lastHeads = new LinkedHashMap<>();
    private LedgerCheckpoint previous;
    private long checkpoints;

    /** @param keys the evaluator's trusted public keys; a checkpoint signed by another key fails */
    public CheckpointedLedger(EventVerifier keys) {
        this.keys = keys;
    }

    /** The next checkpoint, in order. The first may follow any earlier one (a bundle starts mid-way). */
    public void checkpoint(LedgerCheckpoint c) {
        checkpoints++;
        String name = "checkpoint " + c.seq();
        if (previous != null) {
            if (c.seq() != previous.seq() + 1) {
                fail(null, c.seq(), name + ": expected checkpoint " + (previous.seq() + 1) + " after checkpoint "
                        + previous.seq() + " (a checkpoint removed, repeated or reordered)");
            } else if (!c.prevHash().equals(previous.hash())) {
                fail(null, c.seq(), name + ": prevHash " + c.prevHash() + " is not the hash of checkpoint "
                        + previous.seq() + ", " + previous.hash());
            }
        } else if (c.seq() == 1 && !c.prevHash().equals(LedgerRecord.GENESIS_HASH)) {
            fail(null, c.seq(), name + ": the first checkpoint must link to 64 zeros, not " + c.prevHash());
        }
        String recomputed = c.computeHash();
        if (!recomputed.equals(c.hash())) {
            fail(null, c.seq(), name + ": hash " + c.hash() + " is not the sha256 of the checkpoint, " + recomputed
                    + " (its content was changed)");
        }
        if (!c.signed()) {
            fail(null, c.seq(), name + ": has no signature (the evaluator signs every checkpoint)");
        } else if (keys == null) {
            fail(null, c.seq(), name + ": signed with key " + c.keyId() + ", but no evaluator key is trusted");
        } else {
            Verification v = keys.verify(c.canonicalForm().getBytes(StandardCharsets.UTF_8), c.signature(), c.keyId());
            if (!v.verified()) {
                fail(null, c.seq(), name + ": signature does not verify: " + v.reason());
            }
        }
        for (LedgerCheckpoint.Head h : c.heads()) {
            LedgerCheckpoint.Head before = lastHeads.get(h.chain());
            if (before != null && (h.seq() < before.seq()
                    || h.seq() == before.seq() && !h.hash().equals(before.hash()))) {
                fail(h.chain(), h.seq(), "chain " + h.chain() + " seq " + h.seq() + ": " + name + " puts its head at seq "
                        + h.seq() + " (" + h.hash() + "), checkpoint " + previous.seq() + " at seq " + before.seq()
                        + " (" + before.hash() + "): the chain was rewritten between them");
            }
            lastHeads.put(h.chain(), h);
            expected.computeIfAbsent(h.chain(), k -> new HashMap<>()).putIfAbsent(h.seq(),
                    new Expected(c.seq(), h.hash()));
        }
        for (String chain : lastHeads.keySet()) {
            if (c.heads().stream().noneMatch(h -> h.chain().equals(chain))) {
                fail(chain, null, "chain " + chain + ": " + name + " leaves out a chain the checkpoint before named");
            }
        }
        previous = c;
    }

    /** Starts a chain's segment: its records link from {@code anchorPrevHash}, the first one at {@code firstSeq}. */
    public Chain chain(String chain, String anchorPrevHash, long firstSeq) {
        return new Chain(chain, anchorPrevHash, firstSeq);
    }

    /** A chain named in a checkpoint that the ledger given holds no segment of. */
    public void chainAbsent(String chain) {
        fail(chain, null, "chain " + chain + ": named by checkpoint(s) but absent from the ledger");
    }

    /** The chains the checkpoints name. */
    public java.util.Set<String> chainsNamed() {
        return lastHeads.keySet();
    }

    public long checkpointsChecked() {
        return checkpoints;
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    private void fail(String chain, Long seq, String message) {
        problems.add(new Problem(chain, seq, message));
    }

    /** One chain's records, in order. */
    public final class Chain {
        private final String name;
        private final LedgerChain.Verifier links;
        private final Map<Long, Expected> heads;
        private final long firstSeq;
        private long lastSeq;
        private boolean broken;

        private Chain(String name, String anchorPrevHash, long firstSeq) {
            this.name = LedgerChains.requireName(name);
            this.links = LedgerChains.verifier(name, anchorPrevHash, firstSeq);
            this.heads = expected.getOrDefault(name, Map.of());
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq - 1;
            check(firstSeq - 1, anchorPrevHash); // a checkpoint may name the record just before the segment
        }

        /** The next record; false once the chain is broken (the rest is not checked). */
        public boolean accept(LedgerRecord record) {
            if (broken) {
                return false;
            }
            if (!links.accept(record)) {
                LedgerVerification r = links.result();
                fail(name, r.brokenSeq(), "chain " + name + " seq " + r.brokenSeq() + ": " + r.breakage() + ": "
                        + r.detail());
                broken = true;
                return false;
            }
            lastSeq = record.seq();
            check(record.seq(), record.hash());
            return true;
        }

        /** The outcome of the links so far. */
        public LedgerVerification result() {
            return links.result();
        }

        /** The segment ended: a checkpoint head beyond its end means records were cut off. */
        public LedgerVerification end() {
            if (!broken) {
                heads.entrySet().stream().filter(e -> e.getKey() > lastSeq).sorted(Map.Entry.comparingByKey())
                        .findFirst().ifPresent(e -> fail(name, e.getKey(), "chain " + name + " seq " + e.getKey()
                                + ": checkpoint " + e.getValue().checkpointSeq() + " names it as the chain's head ("
                                + e.getValue().hash() + "), but the chain ends at seq " + lastSeq
                                + " (records missing)"));
            }
            return links.result();
        }

        private void check(long seq, String hash) {
            Expected e = heads.get(seq);
            if (e != null && seq >= firstSeq - 1 && !e.hash().equals(hash)) {
                fail(name, seq, "chain " + name + " seq " + seq + ": checkpoint " + e.checkpointSeq()
                        + " says its hash is " + e.hash() + ", the chain has " + hash);
            }
        }
    }
}
