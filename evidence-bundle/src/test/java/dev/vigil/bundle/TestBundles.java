package dev.vigil.bundle;

import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerEntry;
import dev.vigil.common.ledger.LedgerRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A small but complete bundle, and ways to tamper with one. */
final class TestBundles {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
    static final BundleMetadata METADATA = new BundleMetadata("vigil-report-service", "0.1.0", "2026.1", FROM, TO,
            Instant.parse("2026-04-02T08:00:00Z"));
    static final String CSV = "control,status,passShare\nCM-11,FAIL,0.25\nLS-01,PASS,1.0\n";

    private TestBundles() {
    }

    /** Ledger records 1..7 of a chain; a bundle carries 3..7, anchored on the hash of record 2. */
    static List<LedgerRecord> ledger() {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            entries.add(new LedgerEntry("sha256:" + "%064x".formatted(i), "vigil://github/acme-demo",
                    "github.repository", "github:acme-demo/repo-" + i, FROM.plusSeconds(3600L * i)));
        }
        return LedgerChain.append(LedgerRecord.GENESIS_HASH, 1, entries, FROM.plusSeconds(30_000));
    }

    /** Writes the standard test bundle signed by {@code signer} to {@code file}. */
    static BundleSummary write(Path file, BundleSigner signer) throws IOException {
        return write(file, signer, METADATA.createdAt());
    }

    /** The standard test bundle signed by {@code signer}, saying it was created at {@code createdAt}. */
    static BundleSummary write(Path file, BundleSigner signer, Instant createdAt) throws IOException {
        List<LedgerRecord> ledger = ledger();
        BundleMetadata metadata = new BundleMetadata(METADATA.generatorName(), METADATA.generatorVersion(),
                METADATA.catalogueVersion(), FROM, TO, createdAt);
        try (OutputStream out = Files.newOutputStream(file);
             BundleWriter bundle = BundleWriter.open(out, signer, metadata)) {
            bundle.addFile("controls.csv", "text/csv", new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)));
            bundle.addFile("summary.html", "text/html", o -> o.write(
                    "<html><body><h1>Q1 2026</h1></body></html>\n".getBytes(StandardCharsets.UTF_8)));
            bundle.addFile("controls/CM-11/history.json", "application/json", o -> o.write(
                    "[{\"status\":\"FAIL\",\"from\":\"2026-01-01T00:00:00Z\"}]\n".getBytes(StandardCharsets.UTF_8)));
            bundle.addFile("controls/CM-11/evidence/raw.json", "application/json", o -> o.write(
                    "{\"protected\":false}\n".getBytes(StandardCharsets.UTF_8)));
            LedgerSegment.write(bundle, ledger.get(1).hash(), 3, ledger.subList(2, 7).iterator());
            return bundle.finish();
        }
    }

    /** Every entry of a ZIP, in order, with its bytes. */
    static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /**
     * Copies {@code from} to {@code to} re-zipped, as someone editing a file would, with each entry's bytes passed
     * through {@code edit} (name, bytes; null drops the entry) and {@code extra} entries added at the end.
     */
    static Path rewrite(Path from, Path to, BiFunction<String, byte[], byte[]> edit, Map<String, byte[]> extra)
            throws IOException {
        Map<String, byte[]> entries = read(from);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] edited = edit.apply(e.getKey(), e.getValue());
                if (edited != null) {
                    put(out, e.getKey(), edited);
                }
            }
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return to;
    }

    /** A copy of the bundle with the byte at {@code index} of one file flipped (its lowest bit). */
    static Path flipByte(Path from, Path to, String path, int index) throws IOException {
        return rewrite(from, to, (name, bytes) -> {
            if (!name.equals(path)) {
                return bytes;
            }
            byte[] copy = bytes.clone();
            copy[index] ^= 0x01;
            return copy;
        }, Map.of());
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            in.transferTo(out);
        }
        out.closeEntry();
    }
}
