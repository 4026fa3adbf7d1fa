package dev.vigil.common.ledger;

import dev.vigil.common.evidence.Hashing;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.vigil.common.ledger.LedgerRecord.GENESIS_HASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerChainTest {
    private static final Instant RECORDED = Instant.parse("2026-11-23T10:16:00.123456789Z");

    private static List<LedgerEntry> entries(int n) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new LedgerEntry("sha256:" + Hashing.sha256Hex("evidence " + i), "vigil://aws/111122223333",
                    "aws.s3.bucket", "aws:111122223333:s3:bucket-" + i,
                    Instant.parse("2026-11-23T10:15:30Z").plusNanos(1_001_001L * i)));
        }
        return entries;
    }

    @Test
    void canonicalFormIsTheDocumentedLinesAndTheHashIsItsSha256() {
        LedgerRecord first = LedgerChain.append(GENESIS_HASH, 1, entries(1), RECORDED).get(0);
        assertThat(first.canonicalForm()).isEqualTo("""
                vigil-ledger-v1
                1
                %s
                vigil://aws/111122223333
                aws.s3.bucket
                aws:111122223333:s3:bucket-0
                2026-11-23T10:15:30.000000Z
                2026-11-23T10:16:00.123456Z
                %s
                """.formatted(first.evidenceId(), GENESIS_HASH));
        assertThat(first.hash()).isEqualTo(Hashing.sha256Hex(first.canonicalForm()));
        assertThat(first.recordedAt()).isEqualTo(Instant.parse("2026-11-23T10:16:00.123456Z"));
    }

    @Test
    void appendedRecordsLinkFromGenesisAndAcrossAppends() {
        List<LedgerRecord> chain = new ArrayList<>(LedgerChain.append(GENESIS_HASH, 1, entries(3), RECORDED));
        LedgerRecord last = chain.get(2);
        chain.addAll(LedgerChain.append(last.hash(), last.seq() + 1, entries(2), RECORDED.plusSeconds(60)));

        assertThat(chain).extracting(LedgerRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
        // observation times keep microseconds: 1_001_001 ns becomes 1_001 µs
        assertThat(chain.get(1).observedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.001001Z"));

        LedgerVerification result = LedgerChain.verify(GENESIS_HASH, chain);
        assertThat(result.valid()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(5);
        assertThat(result.lastHash()).isEqualTo(chain.get(4).hash());

        // a segment from the middle verifies against the hash of the record before it
        assertThat(LedgerChain.verify(chain.get(1).hash(), chain.subList(2, 5)).valid()).isTrue();
    }

    @Test
    void aChangedFieldIsAHashMismatchAtThatSeq() {
        List<LedgerRecord> chain = new ArrayList<>(LedgerChain.append(GENESIS_HASH, 1, entries(4), RECORDED));
        LedgerRecord r = chain.get(2);
        chain.set(2, new LedgerRecord(r.seq(), r.evidenceId(), r.source(), r.resourceType(), "aws:other",
                r.observedAt(), r.recordedAt(), r.prevHash(), r.hash()));

        LedgerVerification result = LedgerChain.verify(GENESIS_HASH, chain);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenSeq()).isEqualTo(3);
        assertThat(result.breakage()).isEqualTo(LedgerVerification.Breakage.HASH_MISMATCH);
        assertThat(result.recordsChecked()).isEqualTo(3);
        assertThat(result.lastHash()).isEqualTo(chain.get(1).hash());
        assertThat(result.describe()).startsWith("broken at seq 3: HASH_MISMATCH: hash " + r.hash());
    }

    @Test
    void aRehashedRecordBreaksTheLinkOfTheNext() {
        List<LedgerRecord> chain = new ArrayList<>(LedgerChain.append(GENESIS_HASH, 1, entries(4), RECORDED));
        LedgerRecord r = chain.get(1);
        LedgerRecord forged = new LedgerRecord(r.seq(), "sha256:" + "f".repeat(64), r.source(), r.resourceType(),
                r.resourceKey(), r.observedAt(), r.recordedAt(), r.prevHash(), GENESIS_HASH);
        chain.set(1, forged.withHash(forged.computeHash()));

        LedgerVerification result = LedgerChain.verify(GENESIS_HASH, chain);
        assertThat(result.brokenSeq()).isEqualTo(3);
        assertThat(result.breakage()).isEqualTo(LedgerVerification.Breakage.PREV_LINK_BROKEN);
        assertThat(result.detail()).contains(r.hash()).contains(chain.get(1).hash());
    }

    @Test
    void aRemovedOrRepeatedRecordIsASeqGap() {
        List<LedgerRecord> chain = LedgerChain.append(GENESIS_HASH, 1, entries(4), RECORDED);
        List<LedgerRecord> removed = List.of(chain.get(0), chain.get(2), chain.get(3));
        LedgerVerification gap = LedgerChain.verify(GENESIS_HASH, removed);
        assertThat(gap.brokenSeq()).isEqualTo(3);
        assertThat(gap.breakage()).isEqualTo(LedgerVerification.Breakage.SEQ_GAP);
        assertThat(gap.detail()).isEqualTo("expected seq 2, found 3");

        List<LedgerRecord> repeated = List.of(chain.get(0), chain.get(1), chain.get(1));
        assertThat(LedgerChain.verify(GENESIS_HASH, repeated).brokenSeq()).isEqualTo(2);
    }

    @Test
    void theFirstRecordMustLinkToTheAnchor() {
        List<LedgerRecord> chain = LedgerChain.append(GENESIS_HASH, 1, entries(3), RECORDED);
        LedgerVerification wrongAnchor = LedgerChain.verify("a".repeat(64), chain);
        assertThat(wrongAnchor.brokenSeq()).isEqualTo(1);
        assertThat(wrongAnchor.breakage()).isEqualTo(LedgerVerification.Breakage.PREV_LINK_BROKEN);

        // after genesis the chain starts at 1: dropping the first records is a gap, not a valid shorter chain
        LedgerVerification truncated = LedgerChain.verify(GENESIS_HASH, chain.subList(1, 3));
        assertThat(truncated.breakage()).isEqualTo(LedgerVerification.Breakage.SEQ_GAP);

        LedgerChain.Verifier expecting = LedgerChain.verifier(chain.get(0).hash(), 5L);
        assertThat(expecting.accept(chain.get(1))).isFalse();
        assertThat(expecting.result().detail()).isEqualTo("expected seq 5, found 2");
    }

    @Test
    void anEmptyRunIsValidAndEndsAtTheAnchor() {
        LedgerVerification result = LedgerChain.verify("b".repeat(64), List.of());
        assertThat(result.valid()).isTrue();
        assertThat(result.recordsChecked()).isZero();
        assertThat(result.lastHash()).isEqualTo("b".repeat(64));
    }

    @Test
    void rejectsRecordsThatWouldMakeTheFormAmbiguous() {
        LedgerEntry multiLine = new LedgerEntry("sha256:x", "vigil://aws/1", "aws.s3.bucket", "a\nb",
                Instant.parse("2026-11-23T10:15:30Z"));
        assertThatThrownBy(() -> LedgerChain.append(GENESIS_HASH, 1, List.of(multiLine), RECORDED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resourceKey");
        assertThatThrownBy(() -> LedgerChain.append(GENESIS_HASH, 2, entries(1), RECORDED))
                .hasMessageContaining("starts at seq 1");
        assertThatThrownBy(() -> LedgerRecord.parseTime("2026-11-23T10:15:30Z"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LedgerRecord.parseTime("2026-11-23T10:15:30.000001Z"))
                .isEqualTo(Instant.parse("2026-11-23T10:15:30.000001Z"));
    }
}
