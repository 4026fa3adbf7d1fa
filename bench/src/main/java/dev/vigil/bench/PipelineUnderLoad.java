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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.vigil.bench.EvaluatorThroughput.fmt;
import static dev.vigil.bench.EvaluatorThroughput.seconds;
import static dev.vigil.bench.EvaluatorThroughput.step;

/**
 * The whole pipeline under load, one figure: from a cold start, how long until a generated organisation of about
 * 50,000 resources is collected, evaluated and its controls' statuses have settled in report-service.
 *
 * <ol>
 *   <li>Starts Kafka and PostgreSQL, fresh, on free ports in a temporary directory, and the generated organisation
 *   in WireMock ({@link LargeOrganisation}: GitHub, Okta, S3). Not timed: they stand for servers already running
 *   and for the providers' APIs.</li>
 *   <li>Starts the clock and the three packaged services at once, as deploy/local/up.sh does; the collector runs
 *   every enabled collector once as it starts (GitHub, Okta and S3; the others are off).</li>
 *   <li>Stops the clock when every collection run has ended, every evidence event published is stored, the
 *   evaluator has read its evidence and run topics to the end (consumer lag 0), report-service its status topic,
 *   and every control the collected evidence feeds has a status in report-service that an identical read
 *   {@value #CONFIRM_SECONDS} s later confirms (deploy/local/common.sh's controls_scored).</li>
 *   <li>Prints resources and provider calls per provider, the time of each milestone, rates, CPU per process, the
 *   judged controls' statuses, and whether the target is met.</li>
 * </ol>
 * See docs/benchmarks.md, "Whole pipeline under load".
 */
public final class PipelineUnderLoad {
    static final Duration TARGET = Duration.ofMinutes(2);
    static final int CONFIRM_SECONDS = 3;
    private static final Duration CONFIRM_AFTER = Duration.ofSeconds(CONFIRM_SECONDS);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration BOARD_EVERY = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** Every run ended but no new evidence row for this long: the evaluator is stuck or dead-lettering. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(3);
    /**
     * Consumers at the end of their topics this long and the board still not accounting for the stored verdicts:
     * the evaluator cannot publish a status (its log says why), so the statuses will not settle.
     */
    static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    /** The services' consumer groups (their application.properties). */
    static final String EVALUATOR_GROUP = "vigil-control-evaluator";
    static final String REPORT_GROUP = "vigil-report-service";
    static final String OTHERS = "everything else on the machine";
    static final List<String> EVALUATOR_TOPICS = List.of(Topics.EVIDENCE, Topics.COLLECTION_RUNS);
    static final List<String> DEAD_LETTER_TOPICS = List.of(Topics.deadLetter(Topics.EVIDENCE),
            Topics.deadLetter(Topics.COLLECTION_RUNS), Topics.deadLetter(Topics.CONTROL_STATUS));
    private static final PrintStream OUT = System.out;

    private final PipelineOptions options;
    private final Path root;
    private final Path work;
    private final EvaluatorThroughput.Cleanup cleanup;

    private PipelineUnderLoad(PipelineOptions options, Path root, Path work, EvaluatorThroughput.Cleanup cleanup) {
        this.options = options;
        this.root = root;
        this.work = work;
        this.cleanup = cleanup;
    }

    public static void main(String[] args) throws Exception {
        PipelineOptions options;
        try {
            options = PipelineOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            OUT.print(PipelineOptions.USAGE);
            return;
        }
        Path root = root();
        Path work = Files.createTempDirectory("vigil-bench-pipeline-");
        EvaluatorThroughput.Cleanup cleanup = new EvaluatorThroughput.Cleanup(work, options.keep(),
                "collector.log, evaluator.log, report.log, kafka/broker.log, postgres/, evidence/");
        // Ctrl-C or a kill: the servers and services are child processes and must not outlive the benchmark.
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "vigil-bench-cleanup"));
        boolean settled;
        try {
            settled = new PipelineUnderLoad(options, root, work, cleanup).run();
            if (settled) {
                cleanup.succeeded(); // otherwise the logs are kept
            }
        } finally {
            cleanup.run();
        }
        // WireMock's and Kafka's client threads are not all daemons.
        System.exit(settled ? 0 : 1);
    }

    /** What one poll saw of the collection. */
    private record Collection(List<JsonNode> runs, boolean ended, long published) {
        static Collection of(List<JsonNode> runs, int expectedRuns) {
            boolean ended = runs.size() >= expectedRuns
                    && runs.stream().allMatch(r -> r.hasNonNull("finishedAt"));
            long published = 0;
            for (JsonNode r : runs) {
                for (JsonNode n : r.path("counts")) {
                    published += n.asLong();
                }
            }
            return new Collection(runs, ended, published);
        }
    }

    /** Runs the pipeline once and prints the report; false when the statuses did not settle. */
    private boolean run() throws Exception {
        Path collectorJar = root.resolve("collector-service/target/quarkus-app/quarkus-run.jar");
        Path evaluatorJar = root.resolve("control-evaluator/target/quarkus-app/quarkus-run.jar");
        Path reportJar = root.resolve("report-service/target/quarkus-app/quarkus-run.jar");
        Path brokerLibs = root.resolve("deploy/kafka-broker/target/broker-libs");
        for (Path p : List.of(collectorJar, evaluatorJar, reportJar, brokerLibs)) {
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + " is missing: build first (bench/pipeline.sh does)");
            }
        }
        LargeOrganisation.Sizes sizes = options.sizes();
        EvaluatorThroughput.Machine before = EvaluatorThroughput.Machine.now();
        step("work directory " + work);
        step("calibrating the host (not timed)");
        Duration calibrationBefore = HostCalibration.measure();
        step("starting Kafka and PostgreSQL (not timed)");
        KafkaBroker kafka = cleanup.add(KafkaBroker.start(brokerLibs, work.resolve("kafka"), Ports.free(), Ports.free(),
                Duration.ofSeconds(90)));
        PostgresServer db = cleanup.add(PostgresServer.start(work.resolve("postgres"), Ports.free()));
        createTopics(kafka.bootstrapServers(), options.statusMaxBytes());
        step(String.format(Locale.ROOT, "starting WireMock with organisation %s (not timed): %s repositories (%s members, "
                        + "%s outside collaborators), %s Okta users, %s S3 buckets: about %s resources",
                LargeOrganisation.ORG, fmt(sizes.repositories()), fmt(sizes.members()), fmt(sizes.outsideCollaborators()),
                fmt(sizes.users()), fmt(sizes.buckets()), fmt(expectedResources(sizes))));
        LargeOrganisation org = cleanup.add(LargeOrganisation.start(Ports.free(), sizes,
                options.providerLatencyMillis()));
        ConsumerLag lag = cleanup.add(new ConsumerLag(kafka.bootstrapServers()));
        Connection sql = cleanup.add(DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()));
        StatusBoard board = new StatusBoard();
        long postmaster = Long.parseLong(Files.readAllLines(work.resolve("postgres/postmaster.pid")).get(0).trim());

        Map<String, Long> servers = new LinkedHashMap<>();
        servers.put("kafka", kafka.pid());
        servers.put("benchmark JVM (WireMock)", ProcessHandle.current().pid());
        Map<String, Duration> cpuBefore = cpu(servers, postmaster); // the services start from nothing
        Duration machineBefore = ProcessCpu.machine().orElse(Duration.ZERO);

        step("starting collector-service, control-evaluator and report-service; the clock starts now");
        Timeline timeline = new Timeline();
        EvaluatorProcess evaluator = cleanup.add(EvaluatorProcess.start(evaluatorJar, options.heap(),
                evaluatorJavaOptions(), kafka.bootstrapServers(), db, work.resolve("evaluator.log")));
        CollectorProcess collector = cleanup.add(CollectorProcess.start(collectorJar, options.heap(),
                PipelineOptions.javaOptions("COLLECTOR"), kafka.bootstrapServers(), db, org.baseUrl(), work, 200, true));
        ReportProcess report = cleanup.add(ReportProcess.start(reportJar, options.heap(),
                PipelineOptions.javaOptions("REPORT"), kafka.bootstrapServers(), db, work, collector.baseUrl(),
                evaluator.baseUrl()));
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        services.put("collector-service", collector);
        services.put("control-evaluator", evaluator);
        services.put("report-service", report);
        Map<String, Long> processes = new LinkedHashMap<>();
        services.forEach((name, s) -> processes.put(name, s.pid()));
        processes.putAll(servers);

        Collection collection = new Collection(List.of(), false, 0);
        long stored = 0;
        long lastChange = System.nanoTime();
        long lastProgress = lastChange;
        long storedAtProgress = 0;
        long callsAtProgress = 0;
        long lastBoardRead = 0;
        StatusBoard.Reading pending = null;
        StatusBoard.Reading confirmed = null;
        StatusBoard.Reading last = null;
        boolean stuck = false;
        while (confirmed == null && !stuck) {
            sleep(POLL);
            long now = System.nanoTime();
            if (now - timeline.startNanos() > options.timeout().toNanos()) {
                throw new IllegalStateException("statuses not settled within " + options.timeout() + " (" + stored
                        + " evidence rows stored); run with a smaller organisation or a longer --timeout-minutes");
            }
            for (Map.Entry<String, ServiceProcess> s : services.entrySet()) {
                s.getValue().assertAlive();
                if (!timeline.has("ready " + s.getKey()) && s.getValue().ready()) {
                    long ready = System.nanoTime();
                    timeline.mark("ready " + s.getKey(), ready);
                    if (services.keySet().stream().allMatch(n -> timeline.has("ready " + n))) {
                        timeline.mark("all ready", ready);
                    }
                    if (s.getValue() == collector) {
                        checkCollectors(collector);
                    }
                }
            }
            if (timeline.has("ready collector-service")) {
                boolean firstLook = collection.runs().isEmpty();
                collection = Collection.of(collector.runs(), CollectorProcess.MEASURED.size());
                // A run is listed once it executes; its startedAt is when it was asked for, perhaps queued behind the
                // collector's two run threads. What ran before the API answered ran since its startedAt.
                collection.runs().forEach(r -> {
                    if (firstLook) {
                        timeline.mark("run listed " + r.path("collector").asText(),
                                Instant.parse(r.path("startedAt").asText()));
                    } else {
                        timeline.mark("run listed " + r.path("collector").asText(), now);
                    }
                });
            }
            long count = storedEvidence(sql);
            if (count != stored) {
                stored = count;
                lastChange = now;
                timeline.mark("first evidence stored", now);
            }
            if (collection.ended()) {
                timeline.mark("collection ended", collection.runs().stream()
                        .map(r -> Instant.parse(r.path("finishedAt").asText())).max(Instant::compareTo).orElseThrow());
                if (stored >= collection.published()) {
                    timeline.mark("evidence all stored", now);
                } else if (now - lastChange > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no evidence stored for " + STALL_TIMEOUT + " at " + fmt(stored)
                            + " of " + fmt(collection.published()) + "; see " + evaluator.log() + ":\n"
                            + evaluator.tail(40));
                }
            }
            if (timeline.has("evidence all stored") && timeline.has("all ready")) {
                boolean drained = lag.of(EVALUATOR_GROUP, EVALUATOR_TOPICS) == 0
                        && lag.of(REPORT_GROUP, List.of(Topics.CONTROL_STATUS)) == 0;
                if (!drained) {
                    timeline.unmark("consumers at the end");
                    pending = null;
                } else {
                    timeline.mark("consumers at the end", now);
                    boolean confirming = pending != null && now - pending.nanos() >= CONFIRM_AFTER.toNanos();
                    if ((pending == null && now - lastBoardRead >= BOARD_EVERY.toNanos()) || confirming) {
                        StatusBoard.Reading reading = board.read(sql, report);
                        last = reading;
                        lastBoardRead = now;
                        if (!reading.scored()) {
                            pending = null;
                        } else if (confirming && reading.sameAs(pending)) {
                            confirmed = reading;
                        } else {
                            pending = reading;
                        }
                    }
                    stuck = pending == null
                            && timeline.elapsed().minus(timeline.get("consumers at the end")).compareTo(STUCK_AFTER) > 0;
                }
            }
            if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
                long calls = providerCalls(org.snapshot());
                double window = (now - lastProgress) / 1e9;
                step(String.format(Locale.ROOT, "t+%.0f s: %s; provider calls %s (%s/s); evidence published %s, "
                                + "stored %s (%s/s)%s", seconds(timeline.elapsed()), describeRuns(collection, services,
                                timeline), fmt(calls), fmt((calls - callsAtProgress) / window),
                        fmt(collection.published()), fmt(stored), fmt((stored - storedAtProgress) / window),
                        pending != null ? "; statuses scored, confirming"
                                : last != null ? "; not scored yet: " + String.join(", ", last.unscored()) : ""));
                lastProgress = now;
                storedAtProgress = stored;
                callsAtProgress = calls;
            }
        }
        // a run queued behind the collector's two run threads is listed only once it executes: take the earliest
        timeline.mark("collection started", collection.runs().stream()
                .map(r -> Instant.parse(r.path("startedAt").asText())).min(Instant::compareTo).orElseThrow());
        Map<String, Duration> cpuAfter = cpu(processes, postmaster);
        Duration machine = ProcessCpu.machine().orElse(Duration.ZERO).minus(machineBefore);
        timeline.mark("cpu read", System.nanoTime());
        Map<String, Duration> cpuUsed = new LinkedHashMap<>();
        cpuAfter.forEach((name, d) -> cpuUsed.put(name, d.minus(cpuBefore.getOrDefault(name, Duration.ZERO))));
        Duration ours = cpuUsed.values().stream().reduce(Duration.ZERO, Duration::plus);
        if (!machine.isZero()) {
            // whatever else ran meanwhile (another build, another stack) took this from the measured processes
            cpuUsed.put(OTHERS, machine.minus(ours).isNegative() ? Duration.ZERO
                    : machine.minus(ours));
        }
        if (confirmed != null) {
            timeline.mark("statuses settled", pending.nanos());
            timeline.mark("settled confirmed", confirmed.nanos());
            step(String.format(Locale.ROOT, "statuses settled at t+%.1f s; collecting the figures",
                    seconds(timeline.get("statuses settled"))));
        } else {
            step("statuses did not settle: " + String.join(", ", last.unscored()) + " " + seconds(STUCK_AFTER)
                    + " s after the consumers reached the end of their topics; collecting the figures");
        }
        Duration calibrationAfter = HostCalibration.measure();
        PipelineReport result = new PipelineReport(sizes, options.heap(), options.statusMaxBytes(),
                options.providerLatencyMillis(),
                System.getProperty("vigil.commit", "unknown"),
                timeline, collection.runs(), org.snapshot(), storedByType(sql), collection.published(),
                confirmed != null ? confirmed : last, cpuUsed, lag.records(DEAD_LETTER_TOPICS),
                confirmed != null ? List.of() : LogErrors.summarise(evaluator.log(), 5), before,
                EvaluatorThroughput.Machine.now(), calibrationBefore, calibrationAfter);
        result.print(OUT);
        return confirmed != null;
    }

    /** Every request the providers answered (GraphQL's are counted under github already). */
    static long providerCalls(LargeOrganisation.Snapshot calls) {
        return calls.counts().keySet().stream().filter(p -> !p.equals(LargeOrganisation.GRAPHQL))
                .mapToLong(calls::total).sum();
    }

    /** The collector runs exactly the three collectors the organisation answers for. */
    private static void checkCollectors(CollectorProcess collector) throws Exception {
        List<String> enabled = collector.enabledCollectors();
        if (!(enabled.containsAll(CollectorProcess.MEASURED) && enabled.size() == CollectorProcess.MEASURED.size())) {
            throw new IllegalStateException("expected exactly " + CollectorProcess.MEASURED + " enabled, the service has "
                    + enabled);
        }
    }

    /** What the organisation should yield: one resource per repository twice (the repository, its default branch). */
    static long expectedResources(LargeOrganisation.Sizes s) {
        return 2L * s.repositories() + s.members() + s.outsideCollaborators() + 1 + s.users() + s.buckets() + 1;
    }

    private static String describeRuns(Collection collection, Map<String, ServiceProcess> services, Timeline timeline) {
        List<String> waiting = services.keySet().stream().filter(n -> !timeline.has("ready " + n)).toList();
        List<String> parts = new ArrayList<>();
        if (!waiting.isEmpty()) {
            parts.add("starting " + String.join(", ", waiting));
        }
        for (JsonNode r : collection.runs()) {
            long n = 0;
            for (JsonNode c : r.path("counts")) {
                n += c.asLong();
            }
            parts.add(r.path("collector").asText() + " " + r.path("state").asText() + " " + fmt(n));
        }
        return parts.isEmpty() ? "no run yet" : String.join(", ", parts);
    }

    /** CPU used so far by each process; PostgreSQL is the postmaster with its backends. */
    private static Map<String, Duration> cpu(Map<String, Long> processes, long postmaster) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, pid) -> cpu.put(name, ProcessCpu.of(pid)));
        cpu.put("postgres", ProcessCpu.tree(postmaster));
        return cpu;
    }

    /** Collected evidence rows (not the evaluator's derived identity.* ones); 0 until Flyway created the table. */
    private static long storedEvidence(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM evaluator.evidence_item WHERE resource_type NOT LIKE 'identity.%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return 0; // undefined table or schema: not migrated yet
            }
            throw e;
        }
    }

    /** Resources the evaluator holds per type, the derived identity.* ones included. */
    private static Map<String, Long> storedByType(Connection c) throws SQLException {
        Map<String, Long> byType = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT resource_type, count(*) FROM evaluator.resource_state WHERE in_scope GROUP BY resource_type")) {
            while (rs.next()) {
                byType.put(rs.getString(1), rs.getLong(2));
            }
        }
        return byType;
    }

    /**
     * The evidence and run topics as the other benchmarks create them; with a status size given (the what-if), the
     * status topic too, taking records that large (otherwise the evaluator's producer creates it, as in up.sh).
     */
    private static void createTopics(String bootstrap, int statusMaxBytes) throws Exception {
        List<NewTopic> topics = new ArrayList<>(List.of(
                new NewTopic(Topics.EVIDENCE, EvaluatorThroughput.PARTITIONS, (short) 1),
                new NewTopic(Topics.COLLECTION_RUNS, EvaluatorThroughput.PARTITIONS, (short) 1)));
        if (statusMaxBytes > 0) {
            topics.add(new NewTopic(Topics.CONTROL_STATUS, EvaluatorThroughput.PARTITIONS, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(statusMaxBytes))));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** VIGIL_BENCH_EVALUATOR_JAVA_OPTS, and with the what-if the status producer's request size (exact key). */
    private List<String> evaluatorJavaOptions() {
        List<String> opts = new ArrayList<>(PipelineOptions.javaOptions("EVALUATOR"));
        if (options.statusMaxBytes() > 0) {
            opts.add("-Dmp.messaging.outgoing.control-status.max.request.size=" + options.statusMaxBytes());
        }
        return opts;
    }

    private static Path root() {
        String given = System.getProperty("vigil.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("report-service/pom.xml"))) {
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
