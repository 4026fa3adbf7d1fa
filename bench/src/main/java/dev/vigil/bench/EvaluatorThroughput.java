package dev.vigil.bench;

import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.Database;
import dev.vigil.stack.KafkaBroker;
import dev.vigil.stack.Ports;
import dev.vigil.stack.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupNotEmptyException;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Evaluator throughput: how fast the packaged control-evaluator turns a backlog of evidence events into stored
 * resource state, compared in the same run with a plain Kafka consumer writing the same rows with batched JDBC.
 *
 * <ol>
 *   <li>Starts a Kafka broker and PostgreSQL on free ports in a temporary directory.</li>
 *   <li>Publishes synthetic S3 collection runs of N buckets over K accounts (see {@link SyntheticRun}) before anything
 *   consumes, so every consumer faces the same full backlog and production is timed on its own.</li>
 *   <li>Starts the evaluator and times it from health-ready until all N evidence items are in PostgreSQL.</li>
 *   <li>Stops it and runs the baseline ({@link Baseline}) over the same records, then the same baseline verifying
 *   each record's signature (the evaluator's admission).</li>
 *   <li>Unless asked for one instance only: forgets the evaluators' offsets and starts two evaluator processes in
 *   one consumer group on a fresh database of the same server, timed from when both hold partitions until all N
 *   evidence items are stored again.</li>
 *   <li>Prints the report: the rates, the ratios and the targets.</li>
 * </ol>
 * The ratio is the figure to compare: both sides share the machine, the broker and the database within one run,
 * while absolute rates move with whatever else the machine does. See docs/benchmarks.md.
 */
public final class EvaluatorThroughput {
    static final double TARGET_EVENTS_PER_SECOND = 20_000;
    static final double TARGET_SHARE_OF_BASELINE = 0.5;
    /** Issue 15: single-instance throughput at least 90 % of the raw baseline's. */
    static final double TARGET_SHARE_ISSUE_15 = 0.9;
    static final int PARTITIONS = 3;
    /** The evaluator's consumer group (control-evaluator's application.properties, both channels). */
    static final String GROUP = "vigil-control-evaluator";
    /** The database the pair of evaluators stores into, beside the first evaluator's on the same server. */
    static final String PAIR_DATABASE = "vigil_pair";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    /** No new row for this long means the evaluator is stuck (or dead-lettering), not slow. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);
    private static final PrintStream OUT = System.out;

    private final Options options;
    private final Path root;
    private final Path work;
    private final Cleanup cleanup;

    private EvaluatorThroughput(Options options, Path root, Path work, Cleanup cleanup) {
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
        Path root = repositoryRoot();
        Path work = Files.createTempDirectory("vigil-bench-");
        Cleanup cleanup = new Cleanup(work, options.keep());
        // Ctrl-C or a kill: the servers and the evaluator are child processes and must not outlive the benchmark.
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "vigil-bench-cleanup"));
        try {
            new EvaluatorThroughput(options, root, work, cleanup).run();
            cleanup.succeeded();
        } finally {
            cleanup.run();
        }
    }

    private void run() throws Exception {
        Path runJar = root.resolve("control-evaluator/target/quarkus-app/quarkus-run.jar");
        Path brokerLibs = root.resolve("deploy/kafka-broker/target/broker-libs");
        requireBuilt(runJar);
        requireBuilt(brokerLibs);
        int n = options.events();
        Machine before = Machine.now();
        step("work directory " + work);

        step("starting Kafka and PostgreSQL");
        KafkaBroker kafka = cleanup.add(KafkaBroker.start(brokerLibs, work.resolve("kafka"), Ports.free(), Ports.free(),
                Duration.ofSeconds(90)));
        PostgresServer db = cleanup.add(PostgresServer.start(work.resolve("postgres"), Ports.free()));
        long postmaster = Long.parseLong(Files.readAllLines(work.resolve("postgres/postmaster.pid")).get(0).trim());
        String bootstrap = kafka.bootstrapServers();
        createTopics(bootstrap);
        String database = describe(db);

        step("publishing " + fmt(n) + " evidence events (" + options.collections()
                + " S3 collection run(s), one after the other)");
        SyntheticRun.Produced produced = new SyntheticRun(n, options.collections()).produce(bootstrap);

        step("one evaluator: the packaged control-evaluator (log: " + work.resolve("evaluator.log") + ")");
        DbStats evaluatorBefore = DbStats.read(db, "evaluator");
        EvaluatorRun evaluator = measureEvaluators(bootstrap, db, n, 1, postmaster, 0);
        DbStats evaluatorDb = DbStats.read(db, "evaluator").minus(evaluatorBefore);

        step("baseline: a plain consumer inserting the same rows with batched JDBC");
        BaselineRun raw = measureBaseline(Baseline.raw(bootstrap, db), db, n);
        step("admitting baseline: the same, verifying each record's signature first (EventVerifier, the bench key)");
        BaselineRun admitting = measureBaseline(Baseline.admitting(bootstrap, db, BenchKeys.verifier()), db, n);
        step("the signature check alone, on one core of this JVM");
        long checkNanos = SignatureCost.nanosPerCheck(BenchKeys.signer(), BenchKeys.verifier(),
                (int) (produced.bytes() / (n + produced.runRecords())));

        EvaluatorRun pair = null;
        DbStats pairDb = null;
        if (options.instances() == 2) {
            step("two evaluators: one consumer group, from offset 0 again, into a fresh database on the same server");
            forgetOffsets(bootstrap); // the first evaluator's committed offsets: the pair reads everything again
            db.allowCreatingDatabases();
            Database fresh = PostgresServer.createDatabase(db.port(), PAIR_DATABASE);
            DbStats pairBefore = DbStats.read(fresh, "evaluator");
            pair = measureEvaluators(bootstrap, fresh, n, 2, postmaster, migrations(db));
            pairDb = DbStats.read(fresh, "evaluator").minus(pairBefore);
        }

        new Report(n, produced, evaluator, evaluatorDb, raw, admitting, checkNanos, pair, pairDb,
                options.evaluatorHeap(), database, before, Machine.now()).print(OUT);
    }

    /**
     * What was measured of one baseline consumer: its result, the benchmark JVM's CPU meanwhile, the whole machine's
     * (every process: the consumer, the broker, PostgreSQL; -1 off Linux), its database work.
     */
    record BaselineRun(Baseline.Result result, long cpuNanos, long machineCpuNanos, DbStats db) {
    }

    private static BaselineRun measureBaseline(Baseline baseline, Database db, int n) throws SQLException {
        baseline.createTables();
        DbStats before = DbStats.read(db, baseline.schema());
        long cpuBefore = cpuNanos(ProcessHandle.current());
        long machineBefore = machineCpuNanos();
        Baseline.Result result = baseline.run(n, STALL_TIMEOUT);
        long cpu = cpuNanos(ProcessHandle.current()) - cpuBefore;
        long machine = machineBefore < 0 ? -1 : machineCpuNanos() - machineBefore;
        settleStats();
        return new BaselineRun(result, cpu, machine, DbStats.read(db, baseline.schema()).minus(before));
    }

    /**
     * What was measured of the evaluator (one process, or several in one consumer group): the clock runs from when
     * every process is ready (and, for several, each holds evidence partitions) to the last evidence_item row.
     *
     * @param cpuNanos         each process's CPU over that time, in start order
     * @param postgresCpuNanos PostgreSQL's (the postmaster and its backends) over the same time
     * @param machineCpuNanos  the whole machine's (every process), or -1 off Linux
     * @param partitions       how many evidence partitions each process was assigned when the clock started
     */
    record EvaluatorRun(Duration toReady, long storedAtReady, Duration readyToDone, Duration startToDone,
                        List<Long> cpuNanos, long postgresCpuNanos, long machineCpuNanos, List<Integer> partitions,
                        long collectionsSettled, long inScope) {
        double eventsPerSecond(long n) {
            return (n - storedAtReady) / seconds(readyToDone);
        }

        long totalCpuNanos() {
            return cpuNanos.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param migrations for several instances, the evaluator's migrations (as the first run applied them): their
     *                   ingestion is held back ({@link IngestGate}) until the schema is complete and every process
     *                   is ready and holds partitions
     */
    private EvaluatorRun measureEvaluators(String bootstrap, Database db, int n, int instances, long postmaster,
                                           long migrations) throws Exception {
        long start = System.nanoTime();
        List<EvaluatorProcess> evaluators = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            Path log = work.resolve(instances == 1 ? "evaluator.log" : "evaluator-pair-" + i + ".log");
            evaluators.add(cleanup.add(EvaluatorProcess.start(
                    root.resolve("control-evaluator/target/quarkus-app/quarkus-run.jar"), options.evaluatorHeap(),
                    options.evaluatorJavaOptions(), bootstrap, db, log)));
        }
        if (instances > 1) {
            step("logs: " + evaluators.stream().map(e -> e.log().getFileName().toString()).toList());
        }
        IngestGate gate = instances == 1 ? null : IngestGate.lock(db, migrations, STARTUP_TIMEOUT);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (EvaluatorProcess evaluator : evaluators) {
                while (!evaluator.ready()) {
                    evaluator.assertAlive();
                    if (System.nanoTime() - start > STARTUP_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("the evaluator was not ready within " + STARTUP_TIMEOUT
                                + ":\n" + evaluator.tail(40));
                    }
                    sleep(Duration.ofMillis(100));
                }
            }
            // Several: the clock starts once the group has settled, each process holding evidence partitions, so the
            // measured time is theirs together and not one's start-up while the other stores alone.
            List<Integer> partitions = instances == 1 ? List.of(PARTITIONS)
                    : awaitSharedGroup(admin, evaluators, start);
            // Quarkus may start the Kafka consumer a little before health reports ready: those rows don't count.
            long atReady = storedEvidence(c);
            List<Long> cpuAtReady = evaluators.stream().map(e -> cpuNanos(e.pid())).toList();
            long postgresAtReady = ProcessCpu.tree(postmaster).toNanos();
            long machineAtReady = machineCpuNanos();
            long ready = System.nanoTime();
            if (gate != null) {
                gate.close(); // they store from now on, together
                gate = null;
            }
            step(String.format(Locale.ROOT, "%s ready after %.1f s with %s events already stored; waiting for all %s",
                    instances == 1 ? "evaluator" : instances + " evaluators (evidence partitions " + partitions + ")",
                    seconds(Duration.ofNanos(ready - start)), fmt(atReady), fmt(n)));

            long stored = atReady;
            long lastChange = ready;
            long lastReport = ready;
            long storedAtLastReport = atReady;
            while (stored < n) {
                sleep(POLL);
                evaluators.forEach(EvaluatorProcess::assertAlive);
                long now = System.nanoTime();
                long count = storedEvidence(c);
                if (count != stored) {
                    stored = count;
                    lastChange = now;
                } else if (now - lastChange > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no evidence stored for " + STALL_TIMEOUT + " at " + fmt(stored)
                            + " of " + fmt(n) + "; see " + evaluators.get(0).log() + ":\n" + evaluators.get(0).tail(40));
                }
                if (now - start > options.timeout().toNanos()) {
                    throw new IllegalStateException("only " + fmt(stored) + " of " + fmt(n) + " events stored within "
                            + options.timeout() + "; run with fewer --events or a longer --timeout-minutes");
                }
                if (now - lastReport >= PROGRESS_EVERY.toNanos()) {
                    double rate = (stored - storedAtLastReport) / ((now - lastReport) / 1e9);
                    step(String.format(Locale.ROOT, "evaluator%s: %s of %s stored (%s events/s over the last %.0f s)",
                            instances == 1 ? "" : "s", fmt(stored), fmt(n), fmt(rate), (now - lastReport) / 1e9));
                    lastReport = now;
                    storedAtLastReport = stored;
                }
            }
            long done = System.nanoTime();
            List<Long> cpu = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                cpu.add(cpuNanos(evaluators.get(i).pid()) - cpuAtReady.get(i));
            }
            long postgres = ProcessCpu.tree(postmaster).toNanos() - postgresAtReady;
            long machine = machineAtReady < 0 ? -1 : machineCpuNanos() - machineAtReady;
            long inScope = single(c, "SELECT count(*) FROM evaluator.resource_state WHERE in_scope");
            // The runs' ends arrived on their own topic; the evaluator settles each scope once all its evidence is in.
            long settled = awaitScopeSettled(c, evaluators, options.collections());
            evaluators.forEach(EvaluatorProcess::close);
            settleStats();
            return new EvaluatorRun(Duration.ofNanos(ready - start), atReady, Duration.ofNanos(done - ready),
                    Duration.ofNanos(done - start), cpu, postgres, machine, partitions, settled, inScope);
        } finally {
            if (gate != null) {
                gate.close();
            }
        }
    }

    /** How many migrations the evaluator applied to {@code db}: what a fresh database holds once it is ready. */
    private static long migrations(Database db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            return IngestGate.applied(c);
        }
    }

    /**
     * Waits until the evaluators' consumer group is stable with one evidence consumer per process, each assigned
     * partitions, and returns how many each holds (largest first: which process holds which is not known here).
     */
    private static List<Integer> awaitSharedGroup(Admin admin, List<EvaluatorProcess> evaluators, long start)
            throws Exception {
        while (true) {
            evaluators.forEach(EvaluatorProcess::assertAlive);
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                    .get(10, TimeUnit.SECONDS);
            List<Integer> held = group.members().stream()
                    .map(m -> (int) m.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(Topics.EVIDENCE)).count())
                    .filter(count -> count > 0)
                    .sorted(Comparator.reverseOrder())
                    .toList();
            if (group.groupState() == GroupState.STABLE && held.size() == evaluators.size()) {
                return held;
            }
            if (System.nanoTime() - start > STARTUP_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the evaluators' group did not settle within " + STARTUP_TIMEOUT
                        + " (" + group.groupState() + ", evidence partitions held " + held + ")");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /**
     * Deletes the evaluators' consumer group, so the next evaluators read the topics from the beginning as the first
     * did. The stopped evaluator left the group when it shut down; until the broker has seen it go, the group is not
     * empty and deleting it is refused, so this tries again for a while.
     */
    private static void forgetOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (true) {
                try {
                    admin.deleteConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** How many collections' scopes settled, waiting up to 30 s for all {@code collections}. */
    private static long awaitScopeSettled(Connection c, List<EvaluatorProcess> evaluators, int collections)
            throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            evaluators.forEach(EvaluatorProcess::assertAlive);
            long settled = single(c, "SELECT count(*) FROM evaluator.coverage WHERE scope_settled");
            if (settled >= collections || System.nanoTime() > deadline) {
                return settled;
            }
            sleep(POLL);
        }
    }

    /** Rows in evaluator.evidence_item; 0 until Flyway has created the table. */
    private static long storedEvidence(Connection c) throws SQLException {
        try {
            return single(c, "SELECT count(*) FROM evaluator.evidence_item");
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return 0; // undefined table or schema: not migrated yet
            }
            throw e;
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The server's version and its commit durability, which sets what a commit costs. */
    private static String describe(PostgresServer db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), "
                     + "current_setting('synchronous_commit'), current_setting('fsync'), current_setting('shared_buffers')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " (embedded), synchronous_commit=" + rs.getString(2) + ", fsync="
                    + rs.getString(3) + ", shared_buffers=" + rs.getString(4);
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.EVIDENCE, PARTITIONS, (short) 1),
                    new NewTopic(Topics.COLLECTION_RUNS, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** PostgreSQL publishes a closed connection's counters asynchronously, within moments. */
    private static void settleStats() {
        sleep(Duration.ofSeconds(1));
    }

    /** The machine's busy CPU since boot, every process's; -1 where /proc/stat cannot be read. */
    private static long machineCpuNanos() {
        return ProcessCpu.machine().map(Duration::toNanos).orElse(-1L);
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).map(EvaluatorThroughput::cpuNanos).orElse(0L);
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static Path repositoryRoot() {
        String given = System.getProperty("vigil.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("control-evaluator/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from the Vigil repository (or pass -Dvigil.root=<dir>)");
    }

    private static void requireBuilt(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build first (bench/run.sh does)");
        }
    }

    static void step(String message) {
        OUT.printf("==> %tT %s%n", System.currentTimeMillis(), message);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What the numbers ran on; the load average tells whether something else competed for the cores. */
    record Machine(int cores, long memoryBytes, double loadAverage) {
        static Machine now() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
            return new Machine(Runtime.getRuntime().availableProcessors(), memory, os.getSystemLoadAverage());
        }
    }

    /**
     * Stops what the benchmark started, newest first, exactly once (from main or from the shutdown hook), and
     * removes the work directory after a completed run unless asked to keep it; a failed run keeps it for its logs.
     */
    static final class Cleanup {
        private final Path work;
        private final boolean keep;
        private final String contents;
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean succeeded;

        Cleanup(Path work, boolean keep) {
            this(work, keep, "evaluator.log, kafka/broker.log, PostgreSQL data");
        }

        /** {@code contents}: what the kept work directory holds, for the message. */
        Cleanup(Path work, boolean keep, String contents) {
            this.work = work;
            this.keep = keep;
            this.contents = contents;
        }

        synchronized <T extends AutoCloseable> T add(T resource) {
            started.push(resource);
            return resource;
        }

        void succeeded() {
            succeeded = true;
        }

        void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            synchronized (this) {
                while (!started.isEmpty()) {
                    try {
                        started.pop().close();
                    } catch (Exception e) {
                        System.err.println("while stopping: " + e);
                    }
                }
            }
            if (succeeded && !keep) {
                delete(work);
            } else {
                System.err.println("kept " + work + " (" + contents + ")");
            }
        }

        private static void delete(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }
    }
}
