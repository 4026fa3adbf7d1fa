package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.vigil.bench.EvaluatorThroughput.fmt;
import static dev.vigil.bench.EvaluatorThroughput.seconds;

/** The printed result of one {@link PipelineUnderLoad} run. */
record PipelineReport(LargeOrganisation.Sizes sizes, String heap, int statusMaxBytes, int providerLatencyMillis,
                      String commit, Timeline timeline,
                      List<JsonNode> runs, LargeOrganisation.Snapshot calls, Map<String, Long> storedByType,
                      long published, StatusBoard.Reading board, Map<String, Duration> cpu, long deadLettered,
                      List<String> evaluatorErrors, EvaluatorThroughput.Machine start, EvaluatorThroughput.Machine end,
                      Duration calibrationBefore, Duration calibrationAfter) {

    /** Other processes may use this share of the machine before a run is called disturbed (the OS, the shell). */
    static final double OTHERS_TOLERATED = 0.05;

    void print(PrintStream out) {
        boolean settled = timeline.has("statuses settled");
        List<StatusBoard.Control> judged = board.judged();
        Duration collection = timeline.get("collection ended").minus(timeline.get("collection started"));
        Duration ingest = timeline.get("evidence all stored").minus(timeline.get("first evidence stored"));
        long providerCalls = PipelineUnderLoad.providerCalls(calls);

        out.println();
        out.println("Vigil whole pipeline under load");
        out.println("===============================");
        line(out, "machine", String.format(Locale.ROOT, "%d cores, %.1f GiB RAM, load average %.2f at start, %.2f at end",
                start.cores(), start.memoryBytes() / (1024.0 * 1024 * 1024), start.loadAverage(), end.loadAverage()));
        line(out, "java", String.format(Locale.ROOT, "%s (%s); each service -Xmx%s %s, as deploy/local/up.sh "
                + "starts them", System.getProperty("java.version"), System.getProperty("java.vm.name"), heap,
                String.join(" ", ServiceProcess.JVM_OPTIONS)));
        line(out, "host speed", String.format(Locale.ROOT, "calibration %d ms before the run, %d ms after "
                + "(HostCalibration: fixed single-threaded work; compare wall times of different days only with it)",
                calibrationBefore.toMillis(), calibrationAfter.toMillis()));
        line(out, "commit", commit);
        if (statusMaxBytes > 0) {
            line(out, "WHAT-IF", String.format(Locale.ROOT, "status events of up to %s bytes (topic max.message.bytes, "
                    + "evaluator max.request.size); the shipped configuration keeps Kafka's 1 MiB", fmt(statusMaxBytes)));
        }
        line(out, "organisation", String.format(Locale.ROOT, "GitHub %s: %s repositories, %s members, %s outside "
                        + "collaborators; Okta: %s users; S3: %s buckets (generated, WireMock on 127.0.0.1)",
                LargeOrganisation.ORG, fmt(sizes.repositories()), fmt(sizes.members()),
                fmt(sizes.outsideCollaborators()), fmt(sizes.users()), fmt(sizes.buckets())));
        if (providerLatencyMillis > 0) {
            line(out, "providers", String.format(Locale.ROOT, "every answer waits %d ms before it is sent, as a real "
                    + "provider's round trip", providerLatencyMillis));
        }
        out.println();

        long stored = storedByType.entrySet().stream().filter(e -> !e.getKey().startsWith("identity."))
                .mapToLong(Map.Entry::getValue).sum();
        line(out, "collected", String.format(Locale.ROOT, "%s resources, one evidence event each; the evaluator holds "
                + "%s of them, %s records dead-lettered", fmt(published), fmt(stored), fmt(deadLettered)));
        for (JsonNode run : runs) {
            printRun(out, run);
        }
        Map<String, Long> derived = new TreeMap<>(storedByType);
        derived.keySet().removeIf(t -> !t.startsWith("identity."));
        line(out, "  derived", describe(derived) + " (the evaluator's join of people and accounts across sources)");
        line(out, "provider calls", String.format(Locale.ROOT, "%s in all (%s), %s calls/s over the collection",
                fmt(providerCalls), perProvider(), fmt(providerCalls / seconds(collection))));
        out.println();

        out.println("milestones (time since the three services were started)");
        milestone(out, "services ready", "all ready", readiness());
        milestone(out, "collection started", "collection started",
                "the first run's startedAt (the collector runs on start, before it reports ready)");
        milestone(out, "first evidence stored", "first evidence stored", "");
        milestone(out, "collection ended", "collection ended", "the last run's finishedAt");
        milestone(out, "evidence all stored", "evidence all stored", String.format(Locale.ROOT,
                "%.1f s after the collection ended", seconds(timeline.get("evidence all stored")
                        .minus(timeline.get("collection ended")))));
        milestone(out, "consumers at the end", "consumers at the end",
                "evaluator lag 0 on evidence and run topics, report-service lag 0 on statuses");
        if (settled) {
            milestone(out, "statuses settled", "statuses settled", String.format(Locale.ROOT,
                    "%d controls scored; the same board read again at %.1f s", judged.size(),
                    seconds(timeline.get("settled confirmed"))));
        } else {
            out.println(String.format(Locale.ROOT, "  %-24s   never   gave up at %.1f s, %.0f s after the consumers "
                            + "reached the end: %s", "statuses settled", seconds(timeline.get("cpu read")),
                    seconds(PipelineUnderLoad.STUCK_AFTER), String.join(", ", board.unscored())));
        }
        out.println();

        out.println("phases");
        phase(out, "start-up", timeline.get("all ready"), "until all three services report ready");
        phase(out, "collection", collection, "first run started to last run ended");
        phase(out, "evaluator behind", timeline.get("evidence all stored").minus(timeline.get("collection ended")),
                "last run ended to the last evidence stored");
        if (settled) {
            phase(out, "settling", timeline.get("statuses settled").minus(timeline.get("evidence all stored")),
                    "last evidence stored to statuses settled");
        }
        out.println();

        out.println("rates");
        if (settled) {
            Duration total = timeline.get("statuses settled");
            line(out, "  pipeline", String.format(Locale.ROOT, "%s evidence events/s (%s in %.1f s)",
                    fmt(published / seconds(total)), fmt(published), seconds(total)));
        }
        line(out, "  collector", String.format(Locale.ROOT, "%s evidence events/s and %s provider calls/s over the "
                + "collection (%.1f s)", fmt(published / seconds(collection)), fmt(providerCalls / seconds(collection)),
                seconds(collection)));
        line(out, "  evaluator", String.format(Locale.ROOT, "%s evidence events/s stored, first to last evidence row "
                + "(%.1f s)", fmt(published / seconds(ingest)), seconds(ingest)));
        out.println();

        Duration measured = timeline.get("cpu read");
        double available = start.cores() * seconds(measured);
        out.println(String.format(Locale.ROOT, "CPU from the clock's start to the last read (%d cores x %.1f s = %.0f s "
                + "available)", start.cores(), seconds(measured), available));
        cpu.forEach((name, d) -> out.println(String.format(Locale.ROOT, "  %-32s %6.1f s  %3.0f %% of the machine",
                name, seconds(d), 100 * seconds(d) / available)));
        Duration others = cpu.getOrDefault(PipelineUnderLoad.OTHERS, Duration.ZERO);
        if (seconds(others) > OTHERS_TOLERATED * available) {
            out.println(String.format(Locale.ROOT, "  NOTE: other work took %.0f %% of the machine meanwhile: these "
                    + "times are not those of an idle machine", 100 * seconds(others) / available));
        }
        out.println();

        out.println("controls the collected evidence feeds, as report-service shows them (failing: resource and rule "
                + "pairs; stored: what the evaluator's verdicts fail)");
        for (StatusBoard.Control c : judged) {
            out.println(String.format(Locale.ROOT, "  %-7s %-10s %-14s in scope %s, failing %s of stored %s%s", c.id(),
                    c.evidence(), c.status(), c.resourcesInScope() == null ? "-" : fmt(c.resourcesInScope()),
                    fmt(c.failing()), fmt(c.storedFailing()), c.unscored() == null ? "" : "   NOT SCORED: " + c.unscored()));
        }
        out.println("  (a control evidenced by documents too reads DOCUMENT_MISSING, or FAIL, until a document is uploaded)");
        if (!evaluatorErrors.isEmpty()) {
            out.println("control-evaluator's most frequent errors (numbers as #)");
            evaluatorErrors.forEach(e -> out.println("  " + e));
        }
        out.println();

        out.println("target");
        String label = String.format(Locale.ROOT, "  cold start to settled < %d min", PipelineUnderLoad.TARGET.toMinutes());
        if (settled) {
            Duration total = timeline.get("statuses settled");
            boolean met = total.compareTo(PipelineUnderLoad.TARGET) < 0;
            line(out, label, String.format(Locale.ROOT, "%.1f s = %.2f of the target   %s", seconds(total),
                    seconds(total) / seconds(PipelineUnderLoad.TARGET), met ? "MET" : "NOT MET"));
        } else {
            line(out, label, "never settled   NOT MET");
        }
        out.println();
        out.println("Kafka and PostgreSQL were started before the clock; the providers are a local fake, so collection");
        out.println("time is the collector's own work, not a real provider's latency. See docs/benchmarks.md, \"Whole");
        out.println("pipeline under load\".");
    }

    private void printRun(PrintStream out, JsonNode run) {
        String collector = run.path("collector").asText();
        String provider = switch (collector) {
            case "github-branch-protection" -> "github";
            case "okta-user-mfa" -> "okta";
            default -> "aws";
        };
        Map<String, Long> counts = new TreeMap<>();
        run.path("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        long resources = counts.values().stream().mapToLong(Long::longValue).sum();
        Instant finished = Instant.parse(run.path("finishedAt").asText());
        Duration wall = Duration.between(Instant.parse(run.path("startedAt").asText()), finished);
        // startedAt is when the run was asked for; it executes once one of the collector's two run threads is free
        Duration ran = timeline.at("run listed " + collector).map(listed -> timeline.sinceStart(finished).minus(listed))
                .orElse(wall);
        JsonNode api = run.path("apiCalls");
        line(out, "  " + provider, String.format(Locale.ROOT, "%s resources: %s", fmt(resources), describe(counts)));
        line(out, "", String.format(Locale.ROOT, "%s %s in %.1f s%s; %s provider calls (%s), %s failures; "
                        + "collector recorded %s counted, %s revalidated", collector, run.path("state").asText(),
                seconds(wall), wall.minus(ran).compareTo(Duration.ofSeconds(2)) > 0
                        ? String.format(Locale.ROOT, " (%.1f s queued, %.1f s running)", seconds(wall.minus(ran)),
                        seconds(ran)) : "",
                fmt(calls.total(provider)), calls.byStatus(provider), fmt(run.path("failures").size()),
                fmt(api.path("counted").asLong()), fmt(api.path("revalidated").asLong())));
    }

    private String readiness() {
        List<String> parts = new ArrayList<>();
        for (String s : List.of("collector-service", "control-evaluator", "report-service")) {
            timeline.at("ready " + s).ifPresent(d -> parts.add(String.format(Locale.ROOT, "%s %.1f s", s, seconds(d))));
        }
        return String.join(", ", parts);
    }

    private String perProvider() {
        List<String> parts = new ArrayList<>();
        for (String p : List.of("github", "okta", "aws")) {
            parts.add(p + " " + fmt(calls.total(p)));
        }
        return String.join(", ", parts);
    }

    private static String describe(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((type, n) -> parts.add(type + " " + fmt(n)));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private void milestone(PrintStream out, String label, String milestone, String note) {
        out.println(String.format(Locale.ROOT, "  %-24s %7.1f s   %s", label, seconds(timeline.get(milestone)), note));
    }

    private static void phase(PrintStream out, String label, Duration d, String note) {
        out.println(String.format(Locale.ROOT, "  %-24s %7.1f s   %s", label, seconds(d), note));
    }

    private static void line(PrintStream out, String label, String text) {
        out.println(String.format(Locale.ROOT, "%-15s %s", label, text));
    }
}
