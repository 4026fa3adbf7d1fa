package dev.vigil.bench;

import java.io.PrintStream;
import java.util.Locale;

import static dev.vigil.bench.EvaluatorThroughput.fmt;
import static dev.vigil.bench.EvaluatorThroughput.seconds;

/**
 * The printed result of one run. {@code pair} and {@code pairDb} are null when only one instance was measured;
 * {@code checkNanos} is what one signature check costs alone ({@link SignatureCost}).
 */
record Report(int events, SyntheticRun.Produced produced, EvaluatorThroughput.EvaluatorRun evaluator,
              DbStats evaluatorDb, EvaluatorThroughput.BaselineRun baseline, EvaluatorThroughput.BaselineRun admitting,
              long checkNanos, EvaluatorThroughput.EvaluatorRun pair, DbStats pairDb, String evaluatorHeap, String database,
              EvaluatorThroughput.Machine start, EvaluatorThroughput.Machine end) {

    void print(PrintStream out) {
        double evaluatorRate = evaluator.eventsPerSecond(events);
        double baselineRate = events / seconds(baseline.result().elapsed());
        double admittingRate = events / seconds(admitting.result().elapsed());
        double ratio = evaluatorRate / baselineRate;
        double admittedRatio = evaluatorRate / admittingRate;
        Runtime rt = Runtime.getRuntime();

        out.println();
        out.println("Vigil evaluator throughput");
        out.println("==========================");
        line(out, "machine", String.format(Locale.ROOT, "%d cores, %.1f GiB RAM, load average %.2f at start, %.2f at end",
                start.cores(), start.memoryBytes() / (1024.0 * 1024 * 1024), start.loadAverage(), end.loadAverage()));
        line(out, "java", String.format(Locale.ROOT, "%s (%s); benchmark JVM max heap %d MiB; evaluator -Xmx%s %s",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() / (1024 * 1024),
                evaluatorHeap, String.join(" ", ServiceProcess.JVM_OPTIONS)));
        line(out, "database", database);
        line(out, "records", String.format(Locale.ROOT, "%s evidence events (aws.s3.bucket, %s without default "
                        + "encryption) in %d collection run(s) + %s run events, %d partitions, %s bytes per event on "
                        + "average", fmt(events), fmt(produced.failingBuckets()), produced.collections(),
                fmt(produced.runRecords()),
                EvaluatorThroughput.PARTITIONS, fmt((double) produced.bytes() / (events + produced.runRecords()))));
        out.println();
        line(out, "production", String.format(Locale.ROOT, "%s events in %.1f s = %s events/s (generate, encode, "
                        + "send with acks=all; before any consumer)", fmt(events), seconds(produced.elapsed()),
                fmt(events / seconds(produced.elapsed()))));
        out.println();
        evaluatorLines(out, "evaluator", evaluator, evaluatorDb);
        out.println();
        baselineLines(out, "baseline", "KafkaConsumer + batched JDBC", baseline);
        baselineLines(out, "admitting", "the same, each record's Ed25519 signature verified first (EventVerifier)",
                admitting);
        out.println();
        line(out, "ratio", String.format(Locale.ROOT, "evaluator / baseline = %.3f (%.1f %%)   <- the target's ratio",
                ratio, 100 * ratio));
        line(out, "", String.format(Locale.ROOT, "evaluator / admitting baseline = %.3f (%.1f %%): what the evaluator "
                + "costs beyond admission", admittedRatio, 100 * admittedRatio));
        line(out, "", String.format(Locale.ROOT, "admitting baseline / baseline = %.3f: what verification alone costs "
                + "the floor", admittingRate / baselineRate));
        out.println();
        signatureLines(out, baselineRate);
        if (pair != null) {
            out.println();
            double pairRate = pair.eventsPerSecond(events);
            evaluatorLines(out, "2 evaluators", pair, pairDb);
            line(out, "", String.format(Locale.ROOT, "evidence partitions held %s; the clock started once both held "
                    + "theirs", pair.partitions()));
            line(out, "1 vs 2", String.format(Locale.ROOT, "%s events/s with one evaluator, %s with two: 2/1 = %.2f",
                    fmt(evaluatorRate), fmt(pairRate), pairRate / evaluatorRate));
        }
        out.println();
        out.println("targets");
        target(out, "evaluator >= " + fmt(EvaluatorThroughput.TARGET_EVENTS_PER_SECOND) + " events/s",
                fmt(evaluatorRate) + " events/s", evaluatorRate >= EvaluatorThroughput.TARGET_EVENTS_PER_SECOND);
        target(out, "evaluator >= " + Math.round(100 * EvaluatorThroughput.TARGET_SHARE_OF_BASELINE)
                        + " % of baseline", String.format(Locale.ROOT, "%.1f %%", 100 * ratio),
                ratio >= EvaluatorThroughput.TARGET_SHARE_OF_BASELINE);
        target(out, "evaluator >= " + Math.round(100 * EvaluatorThroughput.TARGET_SHARE_ISSUE_15)
                        + " % of baseline (issue 15)", String.format(Locale.ROOT, "%.1f %%", 100 * ratio),
                ratio >= EvaluatorThroughput.TARGET_SHARE_ISSUE_15);
        out.println();
        out.println("Absolute rates move with whatever else runs on the machine; compare the ratios, measured in one run");
        out.println("against the same broker, database and records. See docs/benchmarks.md.");
    }

    private void evaluatorLines(PrintStream out, String label, EvaluatorThroughput.EvaluatorRun run, DbStats db) {
        long measured = events - run.storedAtReady();
        int processes = run.cpuNanos().size();
        line(out, label, String.format(Locale.ROOT, "%s events/s: %s events stored in %.1f s, from %s to the last "
                        + "evidence_item row", fmt(run.eventsPerSecond(events)), fmt(measured), seconds(run.readyToDone()),
                processes == 1 ? "health-ready" : "all ready and sharing the partitions"));
        line(out, "", String.format(Locale.ROOT, "start-up to ready %.1f s (%s events stored by then); process start to "
                        + "all %s stored %.1f s", seconds(run.toReady()), fmt(run.storedAtReady()), fmt(events),
                seconds(run.startToDone())));
        double wallNanos = run.readyToDone().toNanos();
        for (int i = 0; i < processes; i++) {
            long cpu = run.cpuNanos().get(i);
            line(out, "", String.format(Locale.ROOT, "%s CPU while ingesting %.1f s = %.2f ms per event (%.0f %% of "
                            + "one core)", processes == 1 ? "evaluator" : "evaluator " + (i + 1), cpu / 1e9,
                    cpu / 1e6 / Math.max(1, measured), 100 * cpu / wallNanos));
        }
        line(out, "", String.format(Locale.ROOT, "PostgreSQL CPU meanwhile %.1f s = %.2f ms per event (%.0f %% of one "
                        + "core)", run.postgresCpuNanos() / 1e9, run.postgresCpuNanos() / 1e6 / Math.max(1, measured),
                100 * run.postgresCpuNanos() / wallNanos));
        machineLine(out, run.machineCpuNanos(), measured, wallNanos);
        line(out, "", dbLine(db));
        line(out, "", String.format(Locale.ROOT, "afterwards: %s resources in scope, scope settled for %d of %d "
                        + "collection run(s)%s", fmt(run.inScope()), run.collectionsSettled(), produced.collections(),
                run.collectionsSettled() < produced.collections() ? " (NOT all within 30 s)" : ""));
    }

    private void baselineLines(PrintStream out, String label, String what, EvaluatorThroughput.BaselineRun run) {
        line(out, label, String.format(Locale.ROOT, "%s events/s: %s events stored in %.1f s (%s, %d rows per "
                        + "transaction, including the group join)", fmt(events / seconds(run.result().elapsed())),
                fmt(run.result().records()), seconds(run.result().elapsed()), what, Baseline.BATCH));
        line(out, "", String.format(Locale.ROOT, "benchmark JVM CPU while consuming %.1f s = %.2f ms per event",
                run.cpuNanos() / 1e9, run.cpuNanos() / 1e6 / events));
        machineLine(out, run.machineCpuNanos(), events, run.result().elapsed().toNanos());
        line(out, "", dbLine(run.db()));
    }

    private void machineLine(PrintStream out, long machineCpuNanos, long measured, double wallNanos) {
        if (machineCpuNanos >= 0) {
            line(out, "", String.format(Locale.ROOT, "machine CPU meanwhile, every process %.1f s = %.2f ms per event "
                            + "(%.0f %% of %d cores)", machineCpuNanos / 1e9, machineCpuNanos / 1e6 / Math.max(1, measured),
                    100 * machineCpuNanos / wallNanos / start.cores(), start.cores()));
        }
    }

    /**
     * The signature check's cost alone, and the ceiling it puts on any consumer that checks every record here: the
     * machine's cores over the raw baseline's CPU per event (every process: the least storing an event costs) plus
     * one check. The ceiling holds whatever the consumer overlaps, as long as the machine's cores are its limit.
     */
    private void signatureLines(PrintStream out, double baselineRate) {
        double checkMs = checkNanos / 1e6;
        line(out, "signature", String.format(Locale.ROOT, "one Ed25519 check alone %.3f ms on one core (this JVM, "
                + "records of the average size, best of 3 x 5,000) = %s checks/s per core", checkMs,
                fmt(1e9 / checkNanos)));
        line(out, "", String.format(Locale.ROOT, "at %.0f %% of the baseline (%s events/s) the checks alone take "
                        + "%.2f of this machine's %d cores", 100 * EvaluatorThroughput.TARGET_SHARE_ISSUE_15,
                fmt(EvaluatorThroughput.TARGET_SHARE_ISSUE_15 * baselineRate),
                EvaluatorThroughput.TARGET_SHARE_ISSUE_15 * baselineRate * checkNanos / 1e9, start.cores()));
        if (baseline.machineCpuNanos() > 0) {
            double floorMs = baseline.machineCpuNanos() / 1e6 / events;
            double ceiling = start.cores() * 1e3 / (floorMs + checkMs);
            line(out, "ceiling", String.format(Locale.ROOT, "a consumer checking every signature on %d cores: at most "
                            + "%d / (%.3f ms, the baseline's machine CPU per event, + %.3f ms) = %s events/s = %.2f of "
                            + "the baseline", start.cores(), start.cores(), floorMs, checkMs, fmt(ceiling),
                    ceiling / baselineRate));
        }
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
        out.printf("  %-44s %-20s %s%n", what, actual, met ? "MET" : "NOT MET");
    }
}
