package dev.vigil.bundle;

import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.ledger.LedgerEntry;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundles of a ledger of one chain per partition with signed checkpoints: written by {@link LedgerSegment#writeChain}
 * and {@link LedgerCheckpointsFile}, checked by {@link BundleVerifier}. The broken ones are written by a generator
 * that writes the files itself, so manifest and signature hold and only the ledger is wrong.
 */
class ChainedLedgerBundleTest {
    private static final BundleSigner SIGNER = BundleSigner.generate();
    private static final KeyPair EVALUATOR = Ed25519Keys.generate();
    private static final EventSigner CHECKPOINT_SIGNER = new EventSigner(EVALUATOR.getPrivate(), "evaluator-1");
    private static final String P0 = LedgerChains.ofPartition("vigil.evidence.v1", 0);
    private static final String P1 = LedgerChains.ofPartition("vigil.evidence.v1", 1);

    @TempDir
    Path dir;

    /** Each chain's records 1..4; the bundle carries 2..4 (the period), checkpoints after record 1 and record 4. */
    private static final class Ledger {
        final Map<String, List<LedgerRecord>> chains = new LinkedHashMap<>();
        final List<LedgerCheckpoint> checkpoints = new ArrayList<>();

        Ledger() {
            for (String chain : List.of(P0, P1)) {
                List<LedgerEntry> entries = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    entries.add(new LedgerEntry("sha256:" + "%064x".formatted(i + chain.hashCode()), "vigil://aws/1",
                            "aws.s3.bucket", "aws:1:s3:" + chain + "-" + i, TestBundles.FROM.plusSeconds(i)));
                }
                chains.put(chain, new ArrayList<>(LedgerChain.append(LedgerChains.genesis(chain), 1, entries,
                        TestBundles.FROM.plusSeconds(60))));
            }
            checkpoints.add(LedgerCheckpoint.next(null, heads(1), TestBundles.FROM, CHECKPOINT_SIGNER));
            checkpoints.add(LedgerCheckpoint.next(checkpoints.get(0), heads(4), TestBundles.FROM.plusSeconds(120),
                    CHECKPOINT_SIGNER));
        }

        List<LedgerCheckpoint.Head> heads(int seq) {
            return chains.entrySet().stream().map(c -> new LedgerCheckpoint.Head(c.getKey(), seq,
                    c.getValue().get(seq - 1).hash())).toList();
        }

        /** Written as report-service writes it. */
        Path write(Path file) throws Exception {
            try (var out = Files.newOutputStream(file);
                 BundleWriter bundle = BundleWriter.open(out, SIGNER, TestBundles.METADATA)) {
                for (var chain : chains.entrySet()) {
                    LedgerSegment.writeChain(bundle, chain.getKey(), chain.getValue().get(0).hash(), 2,
                            chain.getValue().subList(1, 4).iterator());
                }
                LedgerCheckpointsFile.write(bundle, checkpoints, Map.of("evaluator-1", EVALUATOR.getPublic()));
                bundle.finish();
            }
            return file;
        }

        /** Written raw: whatever the records and checkpoints are, the files say so and the bundle is signed. */
        Path writeRaw(Path file) throws Exception {
            try (var out = Files.newOutputStream(file);
                 BundleWriter bundle = BundleWriter.open(out, SIGNER, TestBundles.METADATA)) {
                for (var chain : chains.entrySet()) {
                    List<LedgerRecord> period = chain.getValue().subList(1, 4);
                    bundle.addFile(BundleLayout.chainSegment(chain.getKey()), LedgerSegment.MEDIA_TYPE, o -> {
                        for (LedgerRecord r : period) {
                            o.write(LedgerSegment.toJsonLine(r).getBytes(StandardCharsets.UTF_8));
                        }
                    });
                    String anchor = "{\"prevHash\":\"" + chain.getValue().get(0).hash() + "\",\"firstSeq\":2,"
                            + "\"recordCount\":3,\"lastHash\":\"" + period.get(2).hash() + "\"}";
                    bundle.addFile(BundleLayout.chainAnchor(chain.getKey()), "application/json",
                            o -> o.write(anchor.getBytes(StandardCharsets.UTF_8)));
                }
                LedgerCheckpointsFile.write(bundle, checkpoints, Map.of("evaluator-1", EVALUATOR.getPublic()));
                bundle.finish();
            }
            return file;
        }
    }

    private static VerificationReport verify(Path zip) throws Exception {
        return BundleVerifier.trusting(SIGNER.publicJwk()).verify(zip);
    }

    @Test
    void aBundleOfSeveralChainsWithSignedCheckpointsVerifies() throws Exception {
        Path zip = new Ledger().write(dir.resolve("chains.zip"));
        VerificationReport report = verify(zip);
        assertThat(report.ledger().problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.ledger().chains()).extracting(VerificationReport.ChainCheck::chain).containsExactly(P0, P1);
        assertThat(report.ledger().checkpoints()).isEqualTo(2);
        assertThat(TestBundles.read(zip)).containsKeys("ledger/chains/vigil.evidence.v1-0/segment.jsonl",
                "ledger/chains/vigil.evidence.v1-1/anchor.json", "ledger/checkpoints.jsonl",
                "ledger/checkpoint-keys.json");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[]{zip.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Ledger     LINKS: 2 chain(s), 6 records, 2 signed checkpoint(s)")
                .contains("vigil.evidence.v1-0: 3 records, seq 2..4");
    }

    @Test
    void aTamperedEntryFailsNamingItsChainAndSeq() throws Exception {
        Ledger l = new Ledger();
        LedgerRecord r = l.chains.get(P1).get(2);
        l.chains.get(P1).set(2, new LedgerRecord(r.seq(), r.evidenceId(), r.source(), r.resourceType(), "tampered",
                r.observedAt(), r.recordedAt(), r.prevHash(), r.hash()));
        VerificationReport report = verify(l.writeRaw(dir.resolve("tampered.zip")));
        assertThat(report.verified()).isFalse();
        assertThat(report.ledger().problems()).singleElement().asString()
                .startsWith("chain vigil.evidence.v1-1 seq 3: HASH_MISMATCH");
    }

    @Test
    void aReorderedEntryFailsNamingItsChainAndSeq() throws Exception {
        Ledger l = new Ledger();
        List<LedgerRecord> p0 = l.chains.get(P0);
        LedgerRecord third = p0.get(2);
        p0.set(2, p0.get(3));
        p0.set(3, third);
        VerificationReport report = verify(l.writeRaw(dir.resolve("reordered.zip")));
        assertThat(report.verified()).isFalse();
        assertThat(report.ledger().problems()).singleElement().asString()
                .startsWith("chain vigil.evidence.v1-0 seq 4: SEQ_GAP");
    }

    @Test
    void aCheckpointWithoutSignatureFails() throws Exception {
        Ledger l = new Ledger();
        LedgerCheckpoint c = l.checkpoints.get(1);
        l.checkpoints.set(1, new LedgerCheckpoint(c.seq(), c.createdAt(), c.heads(), c.prevHash(), c.keyId(), c.hash(),
                null));
        VerificationReport report = verify(l.writeRaw(dir.resolve("unsigned.zip")));
        assertThat(report.verified()).isFalse();
        assertThat(report.ledger().problems())
                .containsExactly("checkpoint 2: has no signature (the evaluator signs every checkpoint)");
    }

    @Test
    void aCheckpointDisagreeingWithAChainHeadFailsNamingChainAndSeq() throws Exception {
        Ledger l = new Ledger();
        // signed by the evaluator's key, but the chain's record 4 is not what it saw: the chain was rewritten
        List<LedgerCheckpoint.Head> heads = new ArrayList<>(l.heads(4));
        heads.set(1, new LedgerCheckpoint.Head(P1, 4, "b".repeat(64)));
        l.checkpoints.set(1, LedgerCheckpoint.next(l.checkpoints.get(0), heads, TestBundles.FROM.plusSeconds(120),
                CHECKPOINT_SIGNER));
        VerificationReport report = verify(l.writeRaw(dir.resolve("disagreeing.zip")));
        assertThat(report.verified()).isFalse();
        assertThat(report.ledger().problems()).containsExactly("chain vigil.evidence.v1-1 seq 4: checkpoint 2 says its "
                + "hash is " + "b".repeat(64) + ", the chain has " + l.chains.get(P1).get(3).hash());
    }

    @Test
    void checkpointsWithoutTheirKeysFail() throws Exception {
        Path zip = new Ledger().write(dir.resolve("keys.zip"));
        Path without = TestBundles.rewrite(zip, dir.resolve("no-keys.zip"),
                (name, bytes) -> name.equals(BundleLayout.LEDGER_CHECKPOINT_KEYS) ? null : bytes, Map.of());
        assertThat(verify(without).ledger().problems()).contains(
                "checkpoint 1: signed with key evaluator-1, but no evaluator key is trusted");
    }
}
