package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.KafkaBroker;
import dev.vigil.stack.Ports;
import dev.vigil.stack.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.vigil.bench.EvaluatorThroughput.fmt;
import static dev.vigil.bench.EvaluatorThroughput.step;

/**
 * Collector economy: what a full and an unchanged collection of a large organisation cost in provider calls.
 *
 * <ol>
 *   <li>Starts a Kafka broker and a generated organisation in WireMock ({@link LargeOrganisation}): a GitHub
 *   organisation of N repositories, an Okta org of N users, an AWS account of N S3 buckets.</li>
 *   <li>Starts the packaged collector-service with only the GitHub, Okta and S3 collectors on, pointed at it, with
 *   a fresh evidence store and GitHub cache.</li>
 *   <li>Runs each collector once (the first, full collection), then each once more with nothing changed (the
 *   second), one at a time, counting every request WireMock answers per provider and status.</li>
 *   <li>Prints wall time, calls per resource, the calls GitHub would count against the primary rate limit
 *   (every answer but 304), what the collector recorded itself, and the targets.</li>
 * </ol>
 * See docs/benchmarks.md, "Collector economy".
 */
public final class CollectorThroughput {
    static final double TARGET_GITHUB_CALLS_PER_REPOSITORY = 3;
    /** "About zero": at most one counted call per hundred repositories. */
    static final double TARGET_UNCHANGED_COUNTED_PER_REPOSITORY = 0.01;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final PrintStream OUT = System.out;

    /** Command-line options. */
    record Options(int repositories, int users, int buckets, String heap, List<String> javaOptions, Duration timeout,
                   boolean keep, boolean help) {
        static final String USAGE = """
                usage: bench/collectors.sh [--repos N] [--users N] [--buckets N] [--collector-heap SIZE]
                                           [--timeout-minutes M] [--keep]

                  --repos N              GitHub repositories in the organisation (default 1000)
                  --users N              Okta users (default 10000)
                  --buckets N            S3 buckets (default 10000)
                  --collector-heap SIZE  the collector-service's -Xmx (default 512m)
                  --timeout-minutes M    give up on a collection run that has not finished by then (default 20)
                  --keep                 keep the work directory (collector.log, evidence, cache) after a successful run

                Extra JVM options for the collector-service go in VIGIL_BENCH_COLLECTOR_JAVA_OPTS.
                """;

        static Options parse(String[] args) {
            int repos = 1_000;
            int users = 10_000;
            int buckets = 10_000;
            String heap = "512m";
            long timeout = 20;
            boolean keep = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--repos" -> repos = number(args, ++i, "--repos");
                    case "--users" -> users = number(args, ++i, "--users");
                    case "--buckets" -> buckets = number(args, ++i, "--buckets");
                    case "--collector-heap" -> heap = value(args, ++i, "--collector-heap");
                    case "--timeout-minutes" -> timeout = number(args, ++i, "--timeout-minutes");
                    case "--keep" -> keep = true;
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
                }
            }
            if (repos < 1 || users < 1 || buckets < 1 || repos > 99_999 || buckets > 99_999) {
                throw new IllegalArgumentException("--repos and --buckets must be 1..99999, --users at least 1");
            }
            String extra = System.getenv().getOrDefault("VIGIL_BENCH_COLLECTOR_JAVA_OPTS", "").trim();
            return new Options(repos, users, buckets, heap, extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+")),
                    Duration.ofMinutes(timeout), keep, help);
        }

        private static int number(String[] args, int i, String option) {
            return Integer.parseInt(value(args, i, option).replace("_", "").replace(",", ""));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            return args[i];
        }
    }

    /** One collection run of one collector, as measured. */
    record RunResult(String collector, String provider, String resource, int resources, String state,
                     Duration wall, Duration observed, Map<String, Long> evidence, int failures, String firstFailure,
                     long recordedCounted, long recordedRevalidated, String rateLimit, LargeOrganisation.Snapshot calls) {
        long total() {
            return calls.total(provider);
        }

        /** Everything but 304: what GitHub counts against its rate limits (REST's primary one, and GraphQL's). */
        long counted() {
            return total() - calls.status(provider, 304);
        }

        /** GitHub GraphQL queries (part of {@link #total()} and {@link #counted()}; never 304). */
        long graphql() {
            return provider.equals("github") ? calls.total(LargeOrganisation.GRAPHQL) : 0;
        }
    }

    private final Options options;
    private final Path root;
    private final Path work;
    private final EvaluatorThroughput.Cleanup cleanup;

    private CollectorThroughput(Options options, Path root, Path work, EvaluatorThroughput.Cleanup cleanup) {
        this.options = options;
        this.root = root;
        this.work = work;
        this.cleanup = cleanup;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            OUT.print(Options.USAGE);
            return;
        }
        Path root = root();
        Path work = Files.createTempDirectory("vigil-bench-collectors-");
        EvaluatorThroughput.Cleanup cleanup = new EvaluatorThroughput.Cleanup(work, options.keep(),
                "collector.log, kafka/broker.log, postgres/, evidence/");
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "vigil-bench-cleanup"));
        try {
            new CollectorThroughput(options, root, work, cleanup).run();
            cleanup.succeeded();
        } finally {
            cleanup.run();
        }
        // WireMock's and Kafka's client threads are not all daemons.
        System.exit(0);
    }

    private void run() throws Exception {
        Path runJar = root.resolve("collector-service/target/quarkus-app/quarkus-run.jar");
        Path brokerLibs = root.resolve("deploy/kafka-broker/target/broker-libs");
        for (Path p : List.of(runJar, brokerLibs)) {
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + " is missing: build first (bench/collectors.sh does)");
            }
        }
        EvaluatorThroughput.Machine before = EvaluatorThroughput.Machine.now();
        LargeOrganisation.Sizes sizes = new LargeOrganisation.Sizes(options.repositories(), options.users(),
                options.buckets());
        step("work directory " + work);
        step("starting Kafka and PostgreSQL (run history, leases and the GitHub cache)");
        PostgresServer db = cleanup.add(PostgresServer.start(work.resolve("postgres"), Ports.free()));
        KafkaBroker kafka = cleanup.add(KafkaBroker.start(brokerLibs, work.resolve("kafka"), Ports.free(), Ports.free(),
                Duration.ofSeconds(90)));
        createTopics(kafka.bootstrapServers());
        step(String.format(Locale.ROOT, "starting WireMock with organisation %s: %s repositories (%s members), %s Okta "
                        + "users, %s S3 buckets", LargeOrganisation.ORG, fmt(sizes.repositories()), fmt(sizes.members()),
                fmt(sizes.users()), fmt(sizes.buckets())));
        LargeOrganisation org = cleanup.add(LargeOrganisation.start(Ports.free(), sizes));

        step("starting the packaged collector-service (log: " + work.resolve("collector.log") + ")");
        long start = System.nanoTime();
        CollectorProcess collector = cleanup.add(CollectorProcess.start(runJar, options.heap(), options.javaOptions(),
                kafka.bootstrapServers(), db, org.baseUrl(), work, 200));
        while (!collector.ready()) {
            collector.assertAlive();
            if (System.nanoTime() - start > STARTUP_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the collector-service was not ready within " + STARTUP_TIMEOUT + ":\n"
                        + collector.tail(40));
            }
            sleep(Duration.ofMillis(200));
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - start);
        List<String> enabled = collector.enabledCollectors();
        if (!enabled.equals(CollectorProcess.MEASURED) && !(enabled.containsAll(CollectorProcess.MEASURED)
                && enabled.size() == CollectorProcess.MEASURED.size())) {
            throw new IllegalStateException("expected exactly " + CollectorProcess.MEASURED + " enabled, the service has "
                    + enabled);
        }
        step(String.format(Locale.ROOT, "collector-service ready after %.1f s; enabled: %s",
                EvaluatorThroughput.seconds(startup), enabled));

        List<RunResult> first = new ArrayList<>();
        List<RunResult> second = new ArrayList<>();
        for (String name : CollectorProcess.MEASURED) {
            first.add(collect(collector, org, name, "first (full)"));
        }
        for (String name : CollectorProcess.MEASURED) {
            second.add(collect(collector, org, name, "second (unchanged)"));
        }
        collector.close();
        new CollectorReport(sizes, options.heap(), startup, first, second, before,
                EvaluatorThroughput.Machine.now()).print(OUT);
    }

    private RunResult collect(CollectorProcess collector, LargeOrganisation org, String name, String which)
            throws Exception {
        String provider = switch (name) {
            case "github-branch-protection" -> "github";
            case "okta-user-mfa" -> "okta";
            default -> "aws";
        };
        LargeOrganisation.Sizes sizes = org.sizes();
        String resource = switch (provider) {
            case "github" -> "repository";
            case "okta" -> "user";
            default -> "bucket";
        };
        int resources = switch (provider) {
            case "github" -> sizes.repositories();
            case "okta" -> sizes.users();
            default -> sizes.buckets();
        };
        step(which + " collection: " + name);
        LargeOrganisation.Snapshot before = org.snapshot();
        long t0 = System.nanoTime();
        String runId = collector.startRun(name);
        JsonNode run;
        long lastProgress = t0;
        while (true) {
            sleep(POLL);
            collector.assertAlive();
            run = collector.run(runId);
            if (run != null && !run.path("finishedAt").isNull() && !run.path("finishedAt").isMissingNode()) {
                break;
            }
            long now = System.nanoTime();
            if (now - t0 > options.timeout().toNanos()) {
                throw new IllegalStateException(name + " did not finish within " + options.timeout()
                        + "; run with smaller --repos/--users/--buckets or a longer --timeout-minutes");
            }
            if (now - lastProgress > Duration.ofSeconds(15).toNanos()) {
                LargeOrganisation.Snapshot so = org.snapshot().minus(before);
                step(String.format(Locale.ROOT, "  %s: %s calls so far", name, fmt(so.total(provider))));
                lastProgress = now;
            }
        }
        Duration observed = Duration.ofNanos(System.nanoTime() - t0);
        LargeOrganisation.Snapshot calls = org.snapshot().minus(before);
        Duration wall = Duration.between(Instant.parse(run.path("startedAt").asText()),
                Instant.parse(run.path("finishedAt").asText()));
        Map<String, Long> evidence = new java.util.TreeMap<>();
        run.path("counts").fields().forEachRemaining(e -> evidence.put(e.getKey(), e.getValue().asLong()));
        JsonNode failures = run.path("failures");
        JsonNode api = run.path("apiCalls");
        String rate = api.path("rateLimitRemaining").isNumber()
                ? fmt(api.path("rateLimitRemaining").asLong()) + " of " + fmt(api.path("rateLimitLimit").asLong())
                + " left" : "no rate-limit headers";
        RunResult r = new RunResult(name, provider, resource, resources, run.path("state").asText(), wall, observed,
                evidence, failures.size(), failures.size() == 0 ? null : failures.get(0).toString(),
                api.path("counted").asLong(), api.path("revalidated").asLong(), rate, calls);
        step(String.format(Locale.ROOT, "  %s %s in %.1f s: %s calls (%s), %d failures", name, r.state(),
                EvaluatorThroughput.seconds(wall), fmt(r.total()), calls.byStatus(provider), r.failures()));
        return r;
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.EVIDENCE, EvaluatorThroughput.PARTITIONS, (short) 1),
                    new NewTopic(Topics.COLLECTION_RUNS, EvaluatorThroughput.PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Path root() {
        String given = System.getProperty("vigil.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("collector-service/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from the Vigil repository (or pass -Dvigil.root=<dir>)");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
