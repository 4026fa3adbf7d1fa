package dev.vigil.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleSummary;
import dev.vigil.bundle.BundleVerifier;
import dev.vigil.bundle.LedgerSegment;
import dev.vigil.bundle.VerificationReport;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.report.bundle.ObservedEvidence;
import dev.vigil.report.bundle.PeriodBundle;
import dev.vigil.report.commitments.CommitmentRegistry;
import dev.vigil.report.history.StatusInterval;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Period evidence bundle benchmark (bench/bundle.sh, docs/benchmarks.md): writes a year's bundle for 100 controls over
 * 10,000 resources with daily history (SyntheticYear) to a file with PeriodBundle, and, as the baseline, the same
 * generated content into a plain ZipOutputStream with no hashing, manifest, signature or reports. Prints both times,
 * their ratio, the peak heap during the bundle, its size and file count, and verifies it as an auditor would.
 *
 * <p>Run with -Xmx512m (bundle.sh does): going over the heap budget then fails with OutOfMemoryError, not quietly.
 */
public final class BundleBuild {
    static final double TARGET_SECONDS = 30;
    static final long TARGET_HEAP_MB = 512;

    public static void main(String[] args) throws Exception {
        int controls = 100;
        int resources = 10_000;
        int days = 365;
        Path dir = Path.of("bench/target/bundle-bench");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--controls" -> controls = Integer.parseInt(args[++i]);
                case "--resources" -> resources = Integer.parseInt(args[++i].replace("_", ""));
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: bench/bundle.sh [--controls N] [--resources N] [--days N] [--dir DIR]"
                            + " [--keep]\n  defaults: 100 controls, 10000 resources, 365 days, bench/target/bundle-bench;"
                            + " --keep keeps the two ZIPs");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(dir);

        long setupStart = System.nanoTime();
        Catalogue catalogue = BenchCatalogue.withControls(controls, dir.resolve("catalogue"));
        SyntheticYear year = new SyntheticYear(catalogue, resources, days);
        Map<String, List<StatusInterval>> history = year.history();
        PeriodBundle writer = new PeriodBundle(catalogue, CommitmentRegistry.loadDefault(catalogue),
                BundleSigner.generate(), "bench");
        Instant createdAt = SyntheticYear.day(days).plusSeconds(8 * 3600);
        double setupSeconds = seconds(System.nanoTime() - setupStart);

        System.out.printf("Period evidence bundle benchmark%n");
        System.out.printf("  inputs      %d controls (catalogue %s), %,d resources, %d days from %s%n",
                catalogue.controls().size(), catalogue.version(), resources, days, SyntheticYear.START);
        System.out.printf("              %,d status intervals, %,d evidence lines, %,d ledger records, %,d raw pages "
                        + "of %d resources, %d accepted exceptions%n",
                history.values().stream().mapToInt(List::size).sum(), year.evidenceLines(), year.ledgerRecordCount(),
                (long) year.pages() * days, SyntheticYear.PAGE_SIZE, year.acceptedExceptions().size());
        System.out.printf("  setup       %.1f s (catalogue, history, ledger and raw-page hash indexes; not timed)%n",
                setupSeconds);

        // Warm-up on a small month, untimed, so neither timed run pays for the JIT more than the other.
        long warmStart = System.nanoTime();
        SyntheticYear month = new SyntheticYear(catalogue, Math.min(resources, 1_000), Math.min(days, 30));
        Map<String, List<StatusInterval>> monthHistory = month.history();
        PlainZip.write(OutputStream.nullOutputStream(), catalogue, monthHistory, month);
        writer.write(OutputStream.nullOutputStream(), month.period, monthHistory, month.acceptedExceptions(), month,
                createdAt);
        System.out.printf("  warm-up     %.1f s (both writers, 1,000 resources over 30 days, to a null stream; not "
                + "timed)%n", seconds(System.nanoTime() - warmStart));

        // Baseline first, then the bundle: both read the same generator, so its cost is in both figures.
        Path plain = dir.resolve("baseline.zip");
        Measured<Void> baseline = measure(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(plain), 1 << 16)) {
                PlainZip.write(out, catalogue, history, year);
            }
            return null;
        });

        Path bundle = dir.resolve("bundle.zip");
        Measured<BundleSummary> built = measure(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bundle), 1 << 16)) {
                return writer.write(out, year.period, history, year.acceptedExceptions(), year, createdAt);
            }
        });
        long heapAfterMb = mb(usedAfterGc());

        long verifyStart = System.nanoTime();
        VerificationReport verification = BundleVerifier.usingEmbeddedKey().verify(bundle);
        double verifySeconds = seconds(System.nanoTime() - verifyStart);

        long bundleBytes = Files.size(bundle);
        int bundleFiles = entries(bundle);
        double ratio = built.seconds / baseline.seconds;
        boolean timeMet = built.seconds < TARGET_SECONDS;
        boolean heapMet = built.peakUsedMb < TARGET_HEAP_MB;

        System.out.printf("  max heap    %d MB (Runtime.maxMemory)%n", mb(Runtime.getRuntime().maxMemory()));
        System.out.printf("  baseline    %6.2f s  plain ZipOutputStream, same content, no hashing/manifest/signature/"
                + "reports: %.1f MB, %,d files%n", baseline.seconds, Files.size(plain) / 1e6, entries(plain));
        System.out.printf("  bundle      %6.2f s  PeriodBundle.write to a file: %.1f MB, %,d files (%,d listed in the "
                + "manifest)%n", built.seconds, bundleBytes / 1e6, bundleFiles, built.value.filesListed());
        System.out.printf("  ratio       %6.2f   bundle time / baseline time%n", ratio);
        System.out.printf("  heap        before %d MB (after GC), peak used %d MB (sampled every 5 ms), peak after GC "
                        + "%d MB, after build %d MB (after GC); baseline peak used %d MB%n",
                built.beforeMb, built.peakUsedMb, built.peakLiveMb, heapAfterMb, baseline.peakUsedMb);
        System.out.printf("  verify      %6.2f s  %s (%d of %d files, ledger %s)%n", verifySeconds,
                verification.verified() ? "VERIFIED" : "NOT VERIFIED " + verification.problems(),
                verification.filesVerified(), verification.filesListed(),
                verification.ledger().ok() ? verification.ledger().result().recordsChecked() + " records linked"
                        : verification.ledger().problem());
        System.out.printf("  target      build under %.0f s: %s (%.2f s)%n", TARGET_SECONDS, timeMet ? "MET" : "NOT MET",
                built.seconds);
        System.out.printf("  target      heap under %d MB: %s (peak used %d MB, peak after GC %d MB)%n", TARGET_HEAP_MB,
                heapMet ? "MET" : "NOT MET", built.peakUsedMb, built.peakLiveMb);

        if (!keep) {
            Files.deleteIfExists(plain);
            Files.deleteIfExists(bundle);
        }
        System.exit(verification.verified() && timeMet && heapMet ? 0 : 1);
    }

    /** Times one run and samples the heap throughout; starts from a collected heap so runs compare. */
    static <T> Measured<T> measure(Callable<T> run) throws Exception {
        long before = usedAfterGc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long[] peaks = {before, before}; // used (garbage included), used after the latest collection of each pool
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = 0;
                long live = 0;
                for (MemoryPoolMXBean pool : heapPools) {
                    used += pool.getUsage().getUsed();
                    live += pool.getCollectionUsage() == null ? 0 : pool.getCollectionUsage().getUsed();
                }
                synchronized (peaks) {
                    peaks[0] = Math.max(peaks[0], used);
                    peaks[1] = Math.max(peaks[1], live);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        long start = System.nanoTime();
        sampler.start();
        T value = run.call();
        long elapsed = System.nanoTime() - start;
        sampler.interrupt();
        sampler.join();
        synchronized (peaks) {
            return new Measured<>(value, seconds(elapsed), mb(before), mb(peaks[0]), mb(peaks[1]));
        }
    }

    record Measured<T>(T value, double seconds, long beforeMb, long peakUsedMb, long peakLiveMb) {
    }

    static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static int entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.size();
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    /**
     * The baseline: the files a bundle holds for the same data (status history and evidence per control, each raw
     * response once, the ledger segment) written straight into a ZipOutputStream with the same JSON, without the
     * bundle's sha256 of every file, manifest, signature, or the reports (CSV, HTML, PDF, OSCAL).
     */
    static final class PlainZip {
        private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

        static void write(OutputStream target, Catalogue catalogue, Map<String, List<StatusInterval>> history,
                          SyntheticYear year) throws IOException {
            try (ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8)) {
                TreeSet<String> raw = new TreeSet<>();
                for (ControlDefinition control : catalogue.controls()) {
                    String folder = "controls/" + control.id();
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("controlId", control.id());
                    doc.put("title", control.title());
                    doc.put("intervals", history.getOrDefault(control.id(), List.of()));
                    zip.putNextEntry(new ZipEntry(folder + "/status-history.json"));
                    JSON.writerWithDefaultPrettyPrinter().writeValue(zip, doc);
                    zip.closeEntry();

                    zip.putNextEntry(new ZipEntry(folder + "/evidence.jsonl"));
                    Iterator<ObservedEvidence> observed = year.observed(control.id(), year.period);
                    while (observed.hasNext()) {
                        ObservedEvidence e = observed.next();
                        String sha = e.responseSha256();
                        raw.add(sha);
                        zip.write((JSON.writeValueAsString(line(e, sha)) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    zip.closeEntry();
                }
                for (String sha : raw) {
                    Optional<InputStream> in = year.rawResponse(sha);
                    if (in.isPresent()) {
                        zip.putNextEntry(new ZipEntry("evidence/raw/" + sha + ".json"));
                        try (InputStream content = in.get()) {
                            content.transferTo(zip);
                        }
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(new ZipEntry("ledger/segment.jsonl"));
                Iterator<LedgerRecord> records = year.ledger(year.period).records();
                while (records.hasNext()) {
                    zip.write(LedgerSegment.toJsonLine(records.next()).getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }

        /** The evidence line PeriodBundle writes (its own method is private). */
        private static ObjectNode line(ObservedEvidence e, String sha) {
            ObjectNode line = JSON.createObjectNode();
            line.put("evidenceId", e.evidenceId());
            line.putObject("ledger").put("seq", e.seq()).put("hash", e.ledgerHash());
            line.put("source", e.source());
            line.put("resourceType", e.resourceType());
            line.put("resourceKey", e.resourceKey());
            line.put("firstObservedAt", e.firstObservedAt().toString());
            line.put("lastObservedAt", e.lastObservedAt().toString());
            line.put("firstRunId", e.firstRunId());
            line.set("facts", e.facts());
            line.set("provenance", e.provenance());
            line.put("rawResponse", "evidence/raw/" + sha + ".json");
            return line;
        }
    }

    private BundleBuild() {
    }
}
