package dev.vigil.bench;

import java.io.PrintStream;
import java.util.Locale;

import static dev.vigil.bench.EvaluatorThroughput.fmt;
import static dev.vigil.bench.EvaluatorThroughput.seconds;

/** The printed result of one run. */
record Report(int events, SyntheticRun.Produced produced, EvaluatorThroughput.EvaluatorRun evaluator,
              DbStats evaluatorDb, Baseline.Result baseline, long baselineCpuNanos, DbStats baselineDb,
              String evaluatorHeap, String database, EvaluatorThroughput.Machine start, EvaluatorThroughput.Machine end) {

    void print(PrintStream out) {
        double evaluatorRate = evaluator.eventsPerSecond(events);
        double baselineRate = events / seconds(baseline.elapsed());
        double ratio = evaluatorRate / baselineRate;
        long measured = events - evaluator.storedAtReady();
        Runtime rt = Runtime.getRuntime();

        out.println();
        out.println("Vigil evaluator throughput");
        out.println("==========================");
        line(out, "machine", String.format(Locale.ROOT, "%d cores, %.1f GiB RAM, load average %.2f at start, %.2f at end",
                start.cores(), start.memoryBytes() / (1024.0 * 1024 * 1024), start.loadAverage(), end.loadAverage()));
        line(out, "java", String.format(Locale.ROOT, "%s (%s); benchmark JVM max heap %d MiB; evaluator -Xmx%s "
                        + "-XX:+UseSerialGC", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                rt.maxMemory() / (1024 * 1024), evaluatorHeap));
        line(out, "database", database);
        line(out, "records", String.format(Locale.ROOT, "%s evidence events (aws.s3.bucket, %s without default "
                        + "encryption) + %s run events, %d partitions, %s bytes per event on average",
                fmt(events), fmt(produced.failingBuckets()), fmt(produced.runRecords()),
                EvaluatorThroughput.PARTITIONS, fmt((double) produced.bytes() / (events + produced.runRecords()))));
        out.println();
        line(out, "production", String.format(Locale.ROOT, "%s events in %.1f s = %s events/s (generate, encode, "
                        + "send with acks=all; before any consumer)", fmt(events), seconds(produced.elapsed()),
                fmt(events / seconds(produced.elapsed()))));
        out.println();
        line(out, "evaluator", String.format(Locale.ROOT, "%s events/s: %s events stored in %.1f s, from health-ready "
                        + "to the last evidence_item row", fmt(evaluatorRate), fmt(measured),
                seconds(evaluator.readyToDone())));
        line(out, "", String.format(Locale.ROOT, "start-up to ready %.1f s (%s events stored by then); process start to "
                        + "all %s stored %.1f s", seconds(evaluator.toReady()), fmt(evaluator.storedAtReady()), fmt(events),
                seconds(evaluator.startToDone())));
        line(out, "", String.format(Locale.ROOT, "evaluator CPU while ingesting %.1f s = %.2f ms per event (%.0f %% "
                        + "of one core)", evaluator.cpuNanos() / 1e9, evaluator.cpuNanos() / 1e6 / Math.max(1, measured),
                100 * evaluator.cpuNanos() / (double) evaluator.readyToDone().toNanos()));
        line(out, "", dbLine(evaluatorDb));
        line(out, "", String.format(Locale.ROOT, "afterwards: %s resources in scope, scope of the run %s",
                fmt(evaluator.inScope()), evaluator.scopeSettled() ? "settled" : "NOT settled within 30 s"));
        out.println();
        line(out, "baseline", String.format(Locale.ROOT, "%s events/s: %s events stored in %.1f s (KafkaConsumer + "
                        + "batched JDBC, %d rows per transaction, including the group join)", fmt(baselineRate),
                fmt(baseline.records()), seconds(baseline.elapsed()), Baseline.BATCH));
        line(out, "", String.format(Locale.ROOT, "benchmark JVM CPU while consuming %.1f s = %.2f ms per event",
                baselineCpuNanos / 1e9, baselineCpuNanos / 1e6 / events));
        line(out, "", dbLine(baselineDb));
        out.println();
        line(out, "ratio", String.format(Locale.ROOT, "evaluator / baseline = %.3f (%.1f %%)", ratio, 100 * ratio));
        out.println();
        out.println("targets");
        target(out, "evaluator >= " + fmt(EvaluatorThroughput.TARGET_EVENTS_PER_SECOND) + " events/s",
                fmt(evaluatorRate) + " events/s", evaluatorRate >= EvaluatorThroughput.TARGET_EVENTS_PER_SECOND);
        target(out, "evaluator >= " + Math.round(100 * EvaluatorThroughput.TARGET_SHARE_OF_BASELINE)
                        + " % of baseline", String.format(Locale.ROOT, "%.1f %%", 100 * ratio),
                ratio >= EvaluatorThroughput.TARGET_SHARE_OF_BASELINE);
        out.println();
        out.println("Absolute rates move with whatever else runs on the machine; compare the ratio, measured in one run");
        out.println("against the same broker, database and records. See docs/benchmarks.md.");
    }

    private String dbLine(DbStats db) {
        return String.format(Locale.ROOT, "PostgreSQL: %.3f commits, %.1f resource_state rows read, %.2f rows written "
                        + "per event", db.commits() / (double) events, db.resourceStateRowsRead() / (double) events,
                db.rowsWritten() / (double) events);
    }

    private static void line(PrintStream out, String label, String text) {
        out.printf("%-12s %s%n", label, text);
    }

    private static void target(PrintStream out, String what, String actual, boolean met) {
        out.printf("  %-34s %-20s %s%n", what, actual, met ? "MET" : "NOT MET");
    }
}
