package dev.vigil.bundle;

import dev.vigil.common.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleWriterTest {
    private static final BundleSigner SIGNER = BundleSigner.generate();

    @Test
    void rejectsPathsThatCouldEscapeOrCollide() throws IOException {
        try (BundleWriter bundle = BundleWriter.open(new ByteArrayOutputStream(), SIGNER, TestBundles.METADATA)) {
            for (String bad : List.of("../etc/passwd", "a/../../b", "/abs.txt", "a//b", "a/./b", "dir/", "",
                    "C:\\x.txt", "a\\b", "tab\there")) {
                assertThatThrownBy(() -> bundle.addFile(bad, "text/plain", out -> { }))
                        .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid bundle path");
            }
            bundle.addFile("Controls.csv", "text/csv", out -> out.write('x'));
            assertThatThrownBy(() -> bundle.addFile("Controls.csv", "text/csv", out -> { }))
                    .hasMessage("duplicate bundle path 'Controls.csv'");
            assertThatThrownBy(() -> bundle.addFile("controls.CSV", "text/csv", out -> { }))
                    .hasMessage("duplicate bundle path 'controls.CSV' (same as 'Controls.csv' ignoring case)");
            for (String reserved : List.of("manifest.json", "manifest.jws", "signing-key.jwk.json")) {
                assertThatThrownBy(() -> bundle.addFile(reserved, "application/json", out -> { }))
                        .hasMessage("'" + reserved + "' is written by finish()");
            }
            assertThatThrownBy(() -> bundle.addFile("x.bin", " ", out -> { }))
                    .hasMessageContaining("media type");
            assertThat(bundle.files()).extracting(ManifestFile::path).containsExactly("Controls.csv");
        }
    }

    @Test
    void entriesReachTheTargetWhileTheyAreWrittenNotAtFinish() throws IOException {
        CountingOutputStream target = new CountingOutputStream();
        byte[] chunk = new byte[64 * 1024];
        new Random(7).nextBytes(chunk); // incompressible, so compressed size tracks what was written
        try (BundleWriter bundle = BundleWriter.open(target, SIGNER, TestBundles.METADATA)) {
            bundle.addFile("raw/large.bin", "application/octet-stream", out -> {
                for (int i = 0; i < 64; i++) { // 4 MiB
                    out.write(chunk);
                }
                // the deflater keeps at most a small window: nearly all of it is already out
                assertThat(target.count).isGreaterThan(4_000_000L);
            });
            ManifestFile large = bundle.files().get(0);
            assertThat(large.size()).isEqualTo(4L * 1024 * 1024);
            bundle.finish();
        }
        assertThat(target.closed).isFalse();
    }

    @Test
    void aBundleIsNeverWrittenWithALedgerSegmentThatDoesNotLink() throws IOException {
        List<LedgerRecord> ledger = TestBundles.ledger();
        try (BundleWriter bundle = BundleWriter.open(new ByteArrayOutputStream(), SIGNER, TestBundles.METADATA)) {
            assertThatThrownBy(() -> LedgerSegment.write(bundle, ledger.get(1).hash(), 3,
                    List.of(ledger.get(2), ledger.get(4)).iterator()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ledger segment does not link: broken at seq 5: SEQ_GAP: expected seq 4, found 5");
        }
    }

    @Test
    void anEmptyLedgerSegmentAnchorsWhereTheChainStands() throws IOException {
        String head = TestBundles.ledger().get(6).hash();
        try (BundleWriter bundle = BundleWriter.open(new ByteArrayOutputStream(), SIGNER, TestBundles.METADATA)) {
            LedgerAnchor anchor = LedgerSegment.write(bundle, head, 8, List.<LedgerRecord>of().iterator());
            assertThat(anchor).isEqualTo(new LedgerAnchor(head, 8, 0, head));
        }
    }

    @Test
    void aFinishedOrAbandonedWriterAcceptsNothingMore() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        BundleWriter finished = BundleWriter.open(target, SIGNER, TestBundles.METADATA);
        finished.finish();
        assertThatThrownBy(() -> finished.addFile("late.txt", "text/plain", out -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        finished.close();

        ByteArrayOutputStream abandonedTarget = new ByteArrayOutputStream();
        BundleWriter abandoned = BundleWriter.open(abandonedTarget, SIGNER, TestBundles.METADATA);
        abandoned.addFile("a.txt", "text/plain", out -> out.write('a'));
        int before = abandonedTarget.size();
        abandoned.close();
        // no manifest, signature or central directory is added on the way out
        assertThat(abandonedTarget.size()).isEqualTo(before);
    }

    private static final class CountingOutputStream extends OutputStream {
        long count;
        boolean closed;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
