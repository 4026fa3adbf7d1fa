package dev.vigil.common.ledger;

import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventSigner;
import dev.vigil.common.signing.EventVerifier;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointedLedgerTest {
    private static final KeyPair KEY = Ed25519Keys.generate();
    private static final EventSigner SIGNER = new EventSigner(KEY.getPrivate(), "evaluator-1");
    private static final EventVerifier TRUSTED = new EventVerifier(Map.of("evaluator-1", KEY.getPublic()));
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String P0 = LedgerChains.ofPartition("vigil.evidence.v1", 0);
    private static final String P1 = LedgerChains.ofPartition("vigil.evidence.v1", 1);

    private static List<LedgerEntry> entries(String chain, int from, int n) {
        List<LedgerEntry> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(new LedgerEntry("sha256:" + Hashing.sha256Hex(chain + i), "vigil://aws/111122223333",
                    "aws.s3.bucket", "aws:111122223333:s3:" + chain + "-" + i, T0.plusSeconds(i)));
        }
        return out;
    }

    /** Two chains of four records each, a checkpoint after their first two and one after all. */
    private static final class Ledger {
        final List<LedgerRecord> p0 = new ArrayList<>(LedgerChain.append(LedgerChains.genesis(P0), 1,
                entries(P0, 0, 2), T0));
        final List<LedgerRecord> p1 = new ArrayList<>(LedgerChain.append(LedgerChains.genesis(P1), 1,
                entries(P1, 0, 2), T0));
        final List<LedgerCheckpoint> checkpoints = new ArrayList<>();

        Ledger() {
            checkpoints.add(LedgerCheckpoint.next(null, heads(), T0.plusSeconds(60), SIGNER));
            p0.addAll(LedgerChain.append(p0.get(1).hash(), 3, entries(P0, 2, 2), T0.plusSeconds(61)));
            p1.addAll(LedgerChain.append(p1.get(1).hash(), 3, entries(P1, 2, 2), T0.plusSeconds(61)));
            checkpoints.add(LedgerCheckpoint.next(checkpoints.get(0), heads(), T0.plusSeconds(120), SIGNER));
        }

        List<LedgerCheckpoint.Head> heads() {
            LedgerRecord a = p0.get(p0.size() - 1);
            LedgerRecord b = p1.get(p1.size() - 1);
            // out of order on purpose: the checkpoint sorts them
            return List.of(new LedgerCheckpoint.Head(P1, b.seq(), b.hash()), new LedgerCheckpoint.Head(P0, a.seq(), a.hash()));
        }

        List<CheckpointedLedger.Problem> verify(EventVerifier keys) {
            CheckpointedLedger v = new CheckpointedLedger(keys);
            checkpoints.forEach(v::checkpoint);
            for (var chain : Map.of(P0, p0, P1, p1).entrySet()) {
                CheckpointedLedger.Chain c = v.chain(chain.getKey(), LedgerChains.genesis(chain.getKey()), 1);
                chain.getValue().forEach(c::accept);
                c.end();
            }
            return v.problems();
        }
    }

    @Test
    void checkpointCanonicalFormListsEveryHeadSortedAndIsSigned() {
        Ledger l = new Ledger();
        LedgerCheckpoint first = l.checkpoints.get(0);
        assertThat(first.canonicalForm()).isEqualTo("""
                vigil-checkpoint-v1
                1
                2026-12-03T10:01:00.000000Z
                %s
                evaluator-1
                vigil.evidence.v1-0 2 %s
                vigil.evidence.v1-1 2 %s
                """.formatted(LedgerRecord.GENESIS_HASH, l.p0.get(1).hash(), l.p1.get(1).hash()));
        assertThat(first.hash()).isEqualTo(Hashing.sha256Hex(first.canonicalForm()));
        assertThat(l.checkpoints.get(1).prevHash()).isEqualTo(first.hash());
        assertThat(LedgerCheckpoint.parseHeads(first.headLines())).isEqualTo(first.heads());
    }

    @Test
    void chainsStartFromAGenesisOfTheirNameAndLegacyFromZeros() {
        assertThat(LedgerChains.genesis(LedgerChains.LEGACY)).isEqualTo(LedgerRecord.GENESIS_HASH);
        assertThat(LedgerChains.genesis(P0)).isEqualTo(Hashing.sha256Hex("vigil-ledger-chain-v1\nvigil.evidence.v1-0\n"))
                .isNotEqualTo(LedgerChains.genesis(P1));
        assertThatThrownBy(() -> LedgerChains.requireName("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIntactLedgerVerifies() {
        assertThat(new Ledger().verify(TRUSTED)).isEmpty();
    }

    @Test
    void aTamperedEntryNamesItsChainAndSeq() {
        Ledger l = new Ledger();
        LedgerRecord r = l.p1.get(2);
        l.p1.set(2, new LedgerRecord(r.seq(), r.evidenceId(), r.source(), r.resourceType(), "aws:111122223333:s3:other",
                r.observedAt(), r.recordedAt(), r.prevHash(), r.hash()));
        assertThat(l.verify(TRUSTED)).singleElement().satisfies(p -> {
            assertThat(p.chain()).isEqualTo(P1);
            assertThat(p.seq()).isEqualTo(3);
            assertThat(p.message()).startsWith("chain vigil.evidence.v1-1 seq 3: HASH_MISMATCH");
        });
    }

    @Test
    void aReorderedEntryNamesItsChainAndSeq() {
        Ledger l = new Ledger();
        LedgerRecord third = l.p0.get(2);
        l.p0.set(2, l.p0.get(3));
        l.p0.set(3, third);
        assertThat(l.verify(TRUSTED)).singleElement().satisfies(p -> {
            assertThat(p.chain()).isEqualTo(P0);
            assertThat(p.seq()).isEqualTo(4);
            assertThat(p.message()).startsWith("chain vigil.evidence.v1-0 seq 4: SEQ_GAP");
        });
    }

    @Test
    void aRecordMovedToAnotherChainDoesNotLink() {
        Ledger l = new Ledger();
        l.p1.set(0, l.p0.get(0));
        assertThat(l.verify(TRUSTED)).extracting(CheckpointedLedger.Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("chain vigil.evidence.v1-1 seq 1: PREV_LINK_BROKEN"));
    }

    @Test
    void aCheckpointWithoutSignatureOrByAnUntrustedKeyFails() {
        Ledger l = new Ledger();
        LedgerCheckpoint c = l.checkpoints.get(1);
        l.checkpoints.set(1, new LedgerCheckpoint(c.seq(), c.createdAt(), c.heads(), c.prevHash(), c.keyId(), c.hash(),
                null));
        assertThat(l.verify(TRUSTED)).extracting(CheckpointedLedger.Problem::message)
                .containsExactly("checkpoint 2: has no signature (the evaluator signs every checkpoint)");

        Ledger other = new Ledger();
        EventVerifier stranger = new EventVerifier(Map.of("evaluator-1", Ed25519Keys.generate().getPublic()));
        assertThat(other.verify(stranger)).extracting(CheckpointedLedger.Problem::message)
                .allSatisfy(m -> assertThat(m).contains("signature does not verify: BAD_SIGNATURE(evaluator-1)"))
                .hasSize(2);
    }

    @Test
    void aCheckpointDisagreeingWithAChainHeadNamesChainAndSeq() {
        Ledger l = new Ledger();
        // the evaluator's key signed a head the chain does not have (a chain rewritten after the checkpoint)
        List<LedgerCheckpoint.Head> heads = new ArrayList<>(l.checkpoints.get(0).heads());
        heads.set(0, new LedgerCheckpoint.Head(P0, 2, "a".repeat(64)));
        l.checkpoints.set(0, LedgerCheckpoint.next(null, heads, T0.plusSeconds(60), SIGNER));
        l.checkpoints.set(1, LedgerCheckpoint.next(l.checkpoints.get(0), l.checkpoints.get(1).heads(),
                T0.plusSeconds(120), SIGNER));
        assertThat(l.verify(TRUSTED)).singleElement().satisfies(p -> {
            assertThat(p.chain()).isEqualTo(P0);
            assertThat(p.seq()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("chain vigil.evidence.v1-0 seq 2: checkpoint 1 says its hash is "
                    + "a".repeat(64) + ", the chain has " + l.p0.get(1).hash());
        });
    }

    @Test
    void aChainCutShortOfItsCheckpointedHeadFails() {
        Ledger l = new Ledger();
        l.p1.remove(3);
        assertThat(l.verify(TRUSTED)).singleElement().satisfies(p -> {
            assertThat(p.chain()).isEqualTo(P1);
            assertThat(p.seq()).isEqualTo(4);
            assertThat(p.message()).contains("checkpoint 2 names it as the chain's head").contains("ends at seq 3");
        });
    }

    @Test
    void aChangedOrDroppedCheckpointFails() {
        Ledger changed = new Ledger();
        LedgerCheckpoint c = changed.checkpoints.get(0);
        changed.checkpoints.set(0, new LedgerCheckpoint(c.seq(), c.createdAt().plusSeconds(1), c.heads(), c.prevHash(),
                c.keyId(), c.hash(), c.signature()));
        assertThat(changed.verify(TRUSTED)).extracting(CheckpointedLedger.Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("checkpoint 1: hash"))
                .anySatisfy(m -> assertThat(m).startsWith("checkpoint 1: signature does not verify"));

        Ledger dropped = new Ledger();
        dropped.checkpoints.add(LedgerCheckpoint.next(dropped.checkpoints.get(1), dropped.heads(), T0.plusSeconds(180),
                SIGNER));
        dropped.checkpoints.remove(1);
        assertThat(dropped.verify(TRUSTED)).extracting(CheckpointedLedger.Problem::message)
                .containsExactly("checkpoint 3: expected checkpoint 2 after checkpoint 1 (a checkpoint removed, "
                        + "repeated or reordered)");
    }
}
