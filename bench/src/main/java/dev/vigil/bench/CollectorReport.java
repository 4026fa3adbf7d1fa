package dev.vigil.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static dev.vigil.bench.EvaluatorThroughput.fmt;
import static dev.vigil.bench.EvaluatorThroughput.seconds;

/** The printed result of one {@link CollectorThroughput} run. */
record CollectorReport(LargeOrganisation.Sizes sizes, String heap, Duration startup,
                       List<CollectorThroughput.RunResult> first, List<CollectorThroughput.RunResult> second,
                       EvaluatorThroughput.Machine start, EvaluatorThroughput.Machine end) {

    void print(PrintStream out) {
        out.println();
        out.println("Vigil collector economy");
        out.println("=======================");
        line(out, "machine", String.format(Locale.ROOT, "%d cores, %.1f GiB RAM, load average %.2f at start, %.2f at end",
                start.cores(), start.memoryBytes() / (1024.0 * 1024 * 1024), start.loadAverage(), end.loadAverage()));
        line(out, "java", String.format(Locale.ROOT, "%s (%s); collector-service -Xmx%s %s, ready after %.1f s",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), heap,
                String.join(" ", ServiceProcess.JVM_OPTIONS), seconds(startup)));
        line(out, "organisation", String.format(Locale.ROOT, "GitHub %s: %s repositories, %s members, %s outside "
                        + "collaborators; Okta: %s users; S3: %s buckets (generated, WireMock on 127.0.0.1)",
                LargeOrganisation.ORG, fmt(sizes.repositories()), fmt(sizes.members()),
                fmt(sizes.outsideCollaborators()), fmt(sizes.users()), fmt(sizes.buckets())));
        out.println();
        section(out, "first collection (empty cache, full)", first);
        out.println();
        section(out, "second collection (nothing changed)", second);
        out.println();

        CollectorThroughput.RunResult gh1 = first.get(0);
        CollectorThroughput.RunResult gh2 = second.get(0);
        double perRepo = gh1.total() / (double) gh1.resources();
        double unchangedPerRepo = gh2.counted() / (double) gh2.resources();
        out.println("targets");
        target(out, "GitHub calls per repository, full <= " + fmt(CollectorThroughput.TARGET_GITHUB_CALLS_PER_REPOSITORY),
                String.format(Locale.ROOT, "%.2f", perRepo), perRepo <= CollectorThroughput.TARGET_GITHUB_CALLS_PER_REPOSITORY);
        target(out, "GitHub counted calls, unchanged ~ 0", String.format(Locale.ROOT, "%s (%.2f per repository; "
                        + "REST %s, GraphQL %s)", fmt(gh2.counted()), unchangedPerRepo, fmt(gh2.counted() - gh2.graphql()),
                        fmt(gh2.graphql())),
                unchangedPerRepo <= CollectorThroughput.TARGET_UNCHANGED_COUNTED_PER_REPOSITORY);
        out.println(String.format(Locale.ROOT, "  (\"~ 0\" is met at <= %.2f counted calls per repository, i.e. <= %s "
                        + "for this organisation)", CollectorThroughput.TARGET_UNCHANGED_COUNTED_PER_REPOSITORY,
                fmt(Math.floor(CollectorThroughput.TARGET_UNCHANGED_COUNTED_PER_REPOSITORY * gh2.resources()))));
        out.println();
        out.println("Calls are what WireMock answered, per provider and status; 'counted' is every answer but 304,");
        out.println("which is what GitHub charges: REST calls to the primary rate limit, GraphQL queries (POST, never");
        out.println("revalidated) to GraphQL's own. See docs/benchmarks.md, \"Collector economy\".");
    }

    private static void section(PrintStream out, String title, List<CollectorThroughput.RunResult> runs) {
        out.println(title);
        for (CollectorThroughput.RunResult r : runs) {
            double per = r.total() / (double) r.resources();
            line(out, "  " + r.provider(), String.format(Locale.ROOT, "%s %s in %.1f s (%.1f s to see it finished); "
                            + "%s calls = %.2f per %s", r.collector(), r.state(), seconds(r.wall()), seconds(r.observed()),
                    fmt(r.total()), per, r.resource()));
            line(out, "", "by status " + r.calls().byStatus(r.provider())
                    + (r.provider().equals("github") ? String.format(Locale.ROOT, "; counted against the rate limits %s "
                    + "(%.2f per repository): REST %s, GraphQL %s", fmt(r.counted()), r.counted() / (double) r.resources(),
                    fmt(r.counted() - r.graphql()), fmt(r.graphql())) : ""));
            line(out, "", String.format(Locale.ROOT, "collector recorded: %s counted, %s revalidated (304), %s",
                    fmt(r.recordedCounted()), fmt(r.recordedRevalidated()), r.rateLimit()));
            line(out, "", "evidence " + r.evidence() + (r.failures() == 0 ? ", no failures"
                    : ", " + r.failures() + " failures, first: " + r.firstFailure()));
            long items = r.evidence().values().stream().mapToLong(Long::longValue).sum();
            line(out, "", String.format(Locale.ROOT, "%s evidence items per second", fmt(items / Math.max(0.001,
                    seconds(r.wall())))));
        }
    }

    private static void line(PrintStream out, String label, String text) {
        out.printf("%-14s %s%n", label, text);
    }

    private static void target(PrintStream out, String what, String actual, boolean met) {
        out.printf("  %-46s %-28s %s%n", what, actual, met ? "MET" : "NOT MET");
    }
}
