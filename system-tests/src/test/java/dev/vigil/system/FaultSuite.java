package dev.vigil.system;

import dev.vigil.common.evidence.Topics;
import dev.vigil.common.signing.EventSigner;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/**
 * The fault suite (issue 13; docs/reliability.md): the whole pipeline started the README's way (up.sh), a stream of
 * evidence driven through it per scenario, one fault injected mid-stream, and then counted: evidence stored against
 * the distinct evidence sent, LS-01's status history against the one a clean run produces, Slack messages against
 * transitions, the evidence ledger verified end to end, every malformed record dead-lettered with a reason, and the
 * consumers still running.
 *
 * <p>The stream is cut into segments; each ends by switching one bucket's encryption off or on and waits until the
 * report service shows LS-01's new status, so the clean history is known exactly: PASS, then FAIL and PASS in turn,
 * one transition per segment, whatever the fault did to timing. A fault runs on its own thread, started when the
 * stream reaches its point, and ends when what it broke runs again; recovery is the time from then until the evaluator
 * and report-service consumed everything that was waiting for them at that moment (by their committed offsets, which
 * the connector commits every few seconds), or for a Slack outage until every alert held back was delivered.
 */
final class FaultSuite implements AutoCloseable {
    static final String CONTROL = "LS-01";
    static final String EVALUATOR_GROUP = "vigil-control-evaluator";
    static final String REPORT_GROUP = "vigil-report-service";
    private static final Duration SEGMENT_TIMEOUT = Duration.ofMinutes(15);
    private static final List<String> OTHER_DEAD_LETTER_TOPICS = List.of(Topics.deadLetter(Topics.COLLECTION_RUNS),
            Topics.deadLetter(Topics.CONTROL_STATUS));
    /** Flips further apart than the flap delay the suite configures (1 s), so every transition alerts. */
    private static final Duration MIN_FLIP_GAP = Duration.ofSeconds(3);

    /** What the suite breaks; {@link #inject} returns once it runs again. */
    interface Fault {
        String describe();

        void inject(FaultSuite suite) throws Exception;

        /** Whether the fault kills that service (which then restarts with a new pid). */
        default boolean kills(String service) {
            return false;
        }
    }

    record Scenario(String name, int events, int malformed, int segments, double faultAt, Fault fault) {
    }

    /** One row of the report; recovery null when nothing was broken. */
    record Outcome(String scenario, String fault, long events, long lost, long duplicated, long deadLettered,
                   Duration recovery, List<String> problems) {
        boolean clean() {
            return lost == 0 && duplicated == 0 && problems.isEmpty();
        }
    }

    final LocalStackRun stack;
    final SlackStandIn slack;
    private final EventSigner collectorKey;
    private final Map<String, Object> kafkaSignIn;
    /** One admin client for every offset the suite reads (it reconnects by itself across a broker outage). */
    private final Admin admin;

    FaultSuite(LocalStackRun stack, SlackStandIn slack) throws IOException {
        this.stack = stack;
        this.slack = slack;
        this.collectorKey = EventSigner.fromPemFile(stack.home.resolve("data/event-keys/collector-service.key.pem"),
                "collector-service");
        this.kafkaSignIn = stack.kafkaOperatorSignIn();
        Map<String, Object> settings = new HashMap<>(kafkaSignIn);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        this.admin = Admin.create(settings);
    }

    /**
     * The short version, in ./mvnw verify (FaultsIT). A graceful stop is left to the services' own GracefulStopIT and
     * to bench/faults.sh, to keep the suite short: a SIGKILL is the harder case of the two.
     */
    static List<Scenario> shortVersion() {
        return List.of(
                new Scenario("sigkill-evaluator", 4_000, 0, 4, 0.3, new Kill("control-evaluator", "KILL", false)),
                new Scenario("postgres-outage", 4_000, 0, 4, 0.3, new Outage("postgres", 15)),
                new Scenario("broker-restart", 4_000, 0, 4, 0.3, new Outage("kafka", 10)),
                new Scenario("malformed", 4_000, 1_000, 4, 0.3, new NoFault("1,000 malformed records")));
    }

    /** Every scenario of issue 13 (bench/faults.sh). */
    static List<Scenario> fullVersion(int events) {
        return List.of(
                new Scenario("clean", events, 0, 6, 0.3, new NoFault("none (the reference)")),
                new Scenario("sigkill-evaluator-1", events, 0, 6, 0.2, new Kill("control-evaluator", "KILL", false)),
                new Scenario("sigkill-evaluator-2", events, 0, 6, 0.5, new Kill("control-evaluator", "KILL", false)),
                new Scenario("sigkill-evaluator-3", events, 0, 6, 0.8, new Kill("control-evaluator", "KILL", false)),
                new Scenario("sigkill-report", events, 0, 6, 0.4, new Kill("report-service", "KILL", false)),
                new Scenario("sigkill-collector", events, 0, 6, 0.4, new Kill("collector-service", "KILL", true)),
                new Scenario("sigterm-evaluator", events, 0, 6, 0.5, new Kill("control-evaluator", "TERM", false)),
                new Scenario("sigterm-report", events, 0, 6, 0.4, new Kill("report-service", "TERM", false)),
                new Scenario("broker-restart", events, 0, 6, 0.3, new Outage("kafka", 30)),
                new Scenario("postgres-outage", events, 0, 6, 0.3, new Outage("postgres", 60)),
                new Scenario("slack-outage", events, 0, 6, 0.1,
                        new SlackOutage(Duration.ofMinutes(5), Duration.ofMinutes(5))),
                new Scenario("malformed", events, 10_000, 6, 0.3, new NoFault("10,000 malformed records")));
    }

    /** bench/faults.sh: the full version. {@code --events N} per scenario (100,000), {@code --only a,b} to pick. */
    public static void main(String[] args) throws Exception {
        int events = 100_000;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: bench/faults.sh [--events N] [--only scenario,...])");
            }
        }
        List<String> picked = only;
        List<Scenario> scenarios = fullVersion(events).stream()
                .filter(s -> picked.isEmpty() || picked.contains(s.name())).toList();
        List<Outcome> outcomes = runAll("full", scenarios);
        System.exit(outcomes.size() == scenarios.size() && outcomes.stream().allMatch(Outcome::clean) ? 0 : 1);
    }

    /**
     * Starts a stack with up.sh, runs the scenarios on it one after another, prints the table and writes it to
     * {@link #reportFile()} (also when a scenario failed to complete), and stops the stack.
     */
    static List<Outcome> runAll(String version, List<Scenario> scenarios) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (SlackStandIn slack = new SlackStandIn()) {
            LocalStackRun stack = LocalStackRun.up("vigil-faults", stackEnvironment(slack));
            io.restassured.RestAssured.baseURI = "http://127.0.0.1";
            try {
                try (FaultSuite suite = new FaultSuite(stack, slack)) {
                    for (Scenario s : scenarios) {
                        outcomes.add(suite.run(s));
                    }
                }
            } finally {
                String table = table(outcomes);
                System.out.println("\nFault suite (" + version + ", " + Instant.now() + "):\n" + table);
                Files.createDirectories(reportFile().getParent());
                Files.writeString(reportFile(), table);
                stack.down();
            }
        }
        return outcomes;
    }

    /** The environment up.sh needs for the suite: Slack alerts to the stand-in, transitions alerted at once. */
    static Map<String, String> stackEnvironment(SlackStandIn slack) {
        return Map.of(
                "VIGIL_ALERTS_SLACK_WEBHOOK_URL", slack.webhook().toString(),
                "VIGIL_ALERTS_FLAP_DELAY", "1s",
                "VIGIL_ALERTS_DELIVERY_INTERVAL", "1s");
    }

    Outcome run(Scenario s) throws Exception {
        log("scenario " + s.name() + ": " + s.events() + " evidence events, " + s.malformed() + " malformed, fault: "
                + s.fault().describe());
        List<String> problems = new ArrayList<>();
        awaitStatus("PASS", Duration.ofMinutes(5), "LS-01 passing before scenario " + s.name());
        Instant from = Instant.now();
        int slackFrom = slack.accepted();
        long evaluatorPid = pid("control-evaluator");
        long reportPid = pid("report-service");
        Map<TopicPartition, Long> dlqFrom = endOffsets(Topics.deadLetter(Topics.EVIDENCE));
        // Run events and statuses: nothing of them may be dead-lettered in any scenario (a stop is not poison).
        Map<String, Long> otherDlqFrom = new HashMap<>();
        OTHER_DEAD_LETTER_TOPICS.forEach(t -> otherDlqFrom.put(t, total(endOffsets(t))));

        long faultPoint = (long) (s.events() * s.faultAt());
        long malformedEvery = s.malformed() == 0 ? Long.MAX_VALUE : Math.max(1, s.events() / s.malformed());
        long perSegment = s.events() / s.segments();
        CompletableFuture<Instant> faultEnded = null;
        List<String> expected = new ArrayList<>(List.of("PASS"));
        Instant lastFlip = Instant.EPOCH;
        long i = 0;
        try (EvidenceStream stream = new EvidenceStream(stack.kafkaBootstrap(), kafkaSignIn, collectorKey, s.name(),
                Math.max(1, (int) Math.min(2_000, perSegment)))) {
            for (int segment = 0; segment < s.segments(); segment++) {
                long end = segment == s.segments() - 1 ? s.events() - 1 : i + perSegment - 1; // the flip is one
                for (; i < end; i++) {
                    if (i == faultPoint && faultEnded == null) {
                        faultEnded = startFault(s.fault());
                    }
                    stream.observe(i);
                    if (i % malformedEvery == 0 && stream.malformedSent() < s.malformed()) {
                        stream.malformed();
                    }
                    if (i % 1_000 == 0) {
                        stream.flush();
                    }
                }
                while (stream.malformedSent() < s.malformed() && segment == s.segments() - 1) {
                    stream.malformed();
                }
                Duration sinceFlip = Duration.between(lastFlip, Instant.now());
                if (sinceFlip.compareTo(MIN_FLIP_GAP) < 0) {
                    Thread.sleep(MIN_FLIP_GAP.minus(sinceFlip).toMillis());
                }
                boolean encrypted = segment % 2 == 1;
                stream.flip(encrypted);
                i++;
                stream.flush();
                String status = encrypted ? "PASS" : "FAIL";
                expected.add(status);
                awaitStatus(status, SEGMENT_TIMEOUT, "LS-01 " + status + " after segment " + (segment + 1));
                // The gap counts from when the status showed, not from when the flip was sent: after an outage the
                // status shows late, and a flip sent right then would flap within the flap delay (both suppressed).
                lastFlip = Instant.now();
            }
            if (faultEnded == null) {
                faultEnded = startFault(s.fault());
            }
            CompletableFuture<Duration> caughtUp = faultEnded.thenApplyAsync(this::catchUpAfter);
            faultEnded.get(30, TimeUnit.MINUTES);
            String last = expected.get(expected.size() - 1);
            await(Duration.ofMinutes(15), "the pipeline to settle after " + s.fault().describe(),
                    () -> lag(EVALUATOR_GROUP, List.of(Topics.EVIDENCE, Topics.COLLECTION_RUNS)) == 0
                            && lag(REPORT_GROUP, List.of(Topics.CONTROL_STATUS)) == 0
                            && last.equals(statusNow()));
            long transitions = expected.size() - 1;
            // Slack: each transition once. Delivery can lag the status (retries after an outage).
            await(Duration.ofMinutes(15), "one Slack message per transition of LS-01",
                    () -> slack.acceptedAbout(CONTROL, slackFrom) >= transitions);
            Instant slackCaughtUp = Instant.now();
            Thread.sleep(3_000); // a duplicate would arrive within the delivery interval
            Duration recovery = s.fault() instanceof NoFault ? null : s.fault() instanceof SlackOutage
                    ? positive(Duration.between(faultEnded.get(), slackCaughtUp))
                    : caughtUp.get(15, TimeUnit.MINUTES);

            // ---- counts ----
            long distinct = stream.distinctEvidence().size();
            long stored = storedEvidence(stream.distinctEvidence());
            long storedRows = storedEvidenceRows(s.name());
            long lostEvidence = distinct - stored;
            long extraEvidence = storedRows - stored;
            List<String> history = historySince(from);
            long lostTransitions = 0;
            long duplicatedTransitions = 0;
            if (!history.equals(expected)) {
                problems.add("LS-01 history " + history + ", a clean run gives " + expected);
                lostTransitions = Math.max(0, expected.size() - history.size());
                duplicatedTransitions = Math.max(0, history.size() - expected.size());
            }
            long messages = slack.acceptedAbout(CONTROL, slackFrom);
            long lostMessages = Math.max(0, transitions - messages);
            long duplicatedMessages = Math.max(0, messages - transitions);
            if (messages != transitions) {
                problems.add(messages + " Slack messages about LS-01 for " + transitions + " transitions");
            }
            DeadLetterCount dead = deadLetters(s.name(), dlqFrom);
            if (dead.malformed() != stream.malformedSent()) {
                problems.add(dead.malformed() + " of " + stream.malformedSent() + " malformed records dead-lettered");
            }
            if (dead.withoutReason() > 0) {
                problems.add(dead.withoutReason() + " dead letters without a reason");
            }
            if (dead.wellFormed() > 0) {
                problems.add(dead.wellFormed() + " well-formed evidence records dead-lettered");
            }
            long otherDead = 0;
            for (String topic : OTHER_DEAD_LETTER_TOPICS) {
                long n = total(endOffsets(topic)) - otherDlqFrom.get(topic);
                if (n > 0) {
                    problems.add(n + " record(s) dead-lettered on " + topic);
                    otherDead += n;
                }
            }
            JsonPath ledger = given().port(evaluatorPort()).get("/api/ledger/verification").then().statusCode(200)
                    .extract().jsonPath();
            if (!ledger.getBoolean("valid")) {
                problems.add("the evidence ledger does not verify: " + ledger.getString("detail"));
            }
            if (!s.fault().kills("control-evaluator") && pid("control-evaluator") != evaluatorPid) {
                problems.add("control-evaluator restarted although the scenario did not kill it");
            }
            if (!s.fault().kills("report-service") && pid("report-service") != reportPid) {
                problems.add("report-service restarted although the scenario did not kill it");
            }
            for (String svc : List.of("control-evaluator", "report-service", "collector-service")) {
                if (!ProcessHandle.of(pid(svc)).map(ProcessHandle::isAlive).orElse(false)) {
                    problems.add(svc + " is not running");
                }
            }
            Outcome outcome = new Outcome(s.name(), s.fault().describe(), stream.sent() + stream.malformedSent(),
                    lostEvidence + lostTransitions + lostMessages + dead.wellFormed(),
                    extraEvidence + duplicatedTransitions + duplicatedMessages, dead.malformed() + dead.wellFormed() + otherDead,
                    recovery, problems);
            log("scenario " + s.name() + ": " + stream.sent() + " evidence events (" + distinct + " distinct, "
                    + stream.duplicatesSent() + " sent twice), " + stored + " stored; " + transitions + " transitions, "
                    + messages + " Slack messages; " + dead + (recovery == null ? "" : "; recovery " + seconds(recovery) + " s")
                    + (dead.reasons().isEmpty() ? "" : "; dead-letter reasons: " + dead.reasons())
                    + (problems.isEmpty() ? "" : "; PROBLEMS: " + problems));
            return outcome;
        }
    }

    /**
     * How long after {@code faultOver} the services had consumed everything that was waiting for them then: the
     * evaluator the evidence, report-service the statuses.
     */
    private Duration catchUpAfter(Instant faultOver) {
        Map<TopicPartition, Long> evidence = new HashMap<>();
        Map<TopicPartition, Long> statuses = new HashMap<>();
        try {
            await(Duration.ofMinutes(5), "the broker to answer", () -> {
                try {
                    evidence.putAll(endOffsets(Topics.EVIDENCE));
                    statuses.putAll(endOffsets(Topics.CONTROL_STATUS));
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            await(Duration.ofMinutes(15), "the evaluator and report-service to catch up",
                    () -> consumedUpTo(EVALUATOR_GROUP, evidence) && consumedUpTo(REPORT_GROUP, statuses));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return positive(Duration.between(faultOver, Instant.now()));
    }

    private boolean consumedUpTo(String group, Map<TopicPartition, Long> ends) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        } catch (Exception e) {
            return false;
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private CompletableFuture<Instant> startFault(Fault fault) {
        log("injecting: " + fault.describe());
        return CompletableFuture.supplyAsync(() -> {
            try {
                fault.inject(this);
                log("fault over: " + fault.describe());
                return Instant.now();
            } catch (Exception e) {
                throw new IllegalStateException("injecting " + fault.describe() + " failed: " + e, e);
            }
        });
    }

    // ---- faults ----

    /**
     * A signal to a service, then up.sh starts it again (docs: README): {@code KILL} as after a crash, {@code TERM} a
     * graceful stop as a deploy or restart does it (the service finishes or hands back what it holds and exits).
     */
    record Kill(String service, String signal, boolean midCollection) implements Fault {
        @Override
        public String describe() {
            return "SIG" + signal + " " + service + (midCollection ? " mid-run" : "");
        }

        @Override
        public boolean kills(String name) {
            return service.equals(name);
        }

        @Override
        public void inject(FaultSuite suite) throws Exception {
            if (midCollection) {
                given().port(suite.stack.collectorPort).post("/api/collections").then().statusCode(202);
                suite.await(Duration.ofSeconds(30), "a collection run in progress", () -> given()
                        .port(suite.stack.collectorPort).get("/api/collections").asString()
                        .matches("(?s).*\"state\":\"(STARTED|PROGRESS)\".*"));
            }
            long pid = suite.pid(service);
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    service + " (pid " + pid + ") is not running"));
            Instant sent = Instant.now();
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
            // down.sh gives a stopping service 30 s before it kills it; a graceful stop must end well within that
            process.onExit().get(30, TimeUnit.SECONDS);
            log(service + " exited " + seconds(Duration.between(sent, Instant.now())) + " s after SIG" + signal);
            // up.sh starts the service with a new log: keep the stopped one's beside it
            Path log = suite.stack.home.resolve("logs/" + service + ".log");
            Files.copy(log, log.resolveSibling(service + "-" + pid + "-sig" + signal.toLowerCase(Locale.ROOT) + ".log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            suite.stack.script(Duration.ofMinutes(10), "deploy/local/up.sh");
        }
    }

    /** Kafka or PostgreSQL stopped for a while and started again (deploy/local/outage.sh). */
    record Outage(String server, int seconds) implements Fault {
        @Override
        public String describe() {
            return server + " stopped for " + seconds + " s";
        }

        @Override
        public void inject(FaultSuite suite) throws Exception {
            suite.stack.script(Duration.ofSeconds(seconds + 300L), "deploy/local/outage.sh", server,
                    Integer.toString(seconds));
        }
    }

    /** Slack down (503), then rate-limiting (429), then up again. */
    record SlackOutage(Duration down, Duration rateLimited) implements Fault {
        @Override
        public String describe() {
            return "Slack down " + down.toMinutes() + " min, then 429 for " + rateLimited.toMinutes() + " min";
        }

        @Override
        public void inject(FaultSuite suite) throws InterruptedException {
            suite.slack.mode(SlackStandIn.Mode.DOWN);
            Thread.sleep(down.toMillis());
            suite.slack.mode(SlackStandIn.Mode.RATE_LIMITED);
            Thread.sleep(rateLimited.toMillis());
            suite.slack.mode(SlackStandIn.Mode.UP);
        }
    }

    /** No fault besides the malformed records the scenario mixes in. */
    record NoFault(String describe) implements Fault {
        @Override
        public void inject(FaultSuite suite) {
        }
    }

    // ---- what the services say ----

    private int evaluatorPort() {
        return Integer.parseInt(stack.env.get("VIGIL_EVALUATOR_PORT"));
    }

    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(stack.home.resolve("run/" + service + ".pid")).trim());
    }

    private String statusNow() {
        return statusNow(stack.reportPort);
    }

    /** LS-01's status on the report-service at {@code port}; null while it does not answer. */
    static String statusNow(int port) {
        try {
            return given().port(port).get("/api/controls/" + CONTROL).then().extract().jsonPath()
                    .getString("status");
        } catch (Exception e) { // the service is down or restarting (REST Assured throws ConnectException unchecked)
            return null;
        }
    }

    private void awaitStatus(String status, Duration timeout, String what) throws InterruptedException {
        await(timeout, what, () -> status.equals(statusNow()));
    }

    /** LS-01's statuses since {@code from}, consecutive equal ones merged (a new count is not a transition). */
    private List<String> historySince(Instant from) {
        return historySince(stack.reportPort, from);
    }

    /** As {@link #historySince(Instant)}, from the report-service at {@code port}. */
    static List<String> historySince(int port, Instant from) {
        List<String> statuses = given().port(port).queryParam("from", from.toString())
                .get("/api/controls/" + CONTROL + "/history").then().statusCode(200).extract().jsonPath()
                .getList("intervals.status", String.class);
        List<String> merged = new ArrayList<>();
        for (String s : statuses) {
            if (merged.isEmpty() || !merged.get(merged.size() - 1).equals(s)) {
                merged.add(s);
            }
        }
        return merged;
    }

    /** The stack's PostgreSQL, as up.sh wrote it into run/stack.env. */
    Connection database() throws Exception {
        Properties env = new Properties();
        try (var in = Files.newInputStream(stack.home.resolve("run/stack.env"))) {
            env.load(in);
        }
        return DriverManager.getConnection(env.getProperty("QUARKUS_DATASOURCE_JDBC_URL"), "vigil", "vigil");
    }

    long storedEvidence(java.util.Set<String> ids) throws Exception {
        try (Connection c = database(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM evaluator.evidence_item WHERE evidence_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Evidence rows of the stream named {@code scenario} (its resource keys' prefix). */
    long storedEvidenceRows(String scenario) throws Exception {
        try (Connection c = database(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM evaluator.evidence_item WHERE resource_key LIKE ?")) {
            q.setString(1, EvidenceStream.keyPrefix(scenario) + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    record DeadLetterCount(long malformed, long wellFormed, long withoutReason, Map<String, Long> reasons) {
        @Override
        public String toString() {
            return malformed + " malformed dead-lettered (" + reasons.size() + " distinct reasons), " + wellFormed
                    + " well-formed dead-lettered";
        }
    }

    /** This scenario's records in the evidence dead-letter topic since the offsets given. */
    private DeadLetterCount deadLetters(String scenario, Map<TopicPartition, Long> from) {
        String fuzz = EvidenceStream.malformedKeyPrefix(scenario);
        String ours = EvidenceStream.keyPrefix(scenario);
        Map<String, Object> settings = new HashMap<>(kafkaSignIn);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long malformed = 0;
        long wellFormed = 0;
        long withoutReason = 0;
        Map<String, Long> reasons = new TreeMap<>();
        Map<TopicPartition, Long> to = endOffsets(Topics.deadLetter(Topics.EVIDENCE));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.assign(to.keySet());
            to.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (to.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String key = r.key() == null ? "" : r.key();
                    Header reason = r.headers().lastHeader("dead-letter-reason");
                    if (key.startsWith(fuzz)) {
                        malformed++;
                    } else if (key.startsWith(ours)) {
                        wellFormed++;
                    } else {
                        continue;
                    }
                    if (reason == null || reason.value().length == 0) {
                        withoutReason++;
                    } else {
                        String text = new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8);
                        reasons.merge(text.replaceAll("[0-9]+", "N").replaceAll("'[^']{40,}'", "'…'"), 1L, Long::sum);
                    }
                }
            }
        }
        return new DeadLetterCount(malformed, wellFormed, withoutReason, reasons);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    }

    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> end = new HashMap<>();
            offsets.forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e, e);
        }
    }

    static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the topics not yet consumed by the group (committed offsets); MAX_VALUE while unknown. */
    long lag(String group, List<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            long lag = 0;
            for (String topic : topics) {
                for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue() - (at == null ? 0 : at.offset());
                }
            }
            return lag;
        } catch (Exception e) { // the broker is down or restarting
            return Long.MAX_VALUE;
        }
    }

    void await(Duration timeout, String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " (logs in "
                        + stack.home.resolve("logs") + ")");
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    // ---- the report ----

    static String table(List<Outcome> outcomes) {
        StringBuilder t = new StringBuilder(
                "| scenario | fault | events | lost | duplicated | dead-lettered | recovery (s) | result |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Outcome o : outcomes) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %d | %,d | %s | %s |%n", o.scenario(), o.fault(),
                    o.events(), o.lost(), o.duplicated(), o.deadLettered(), o.recovery() == null ? "–" : seconds(o.recovery()),
                    o.clean() ? "ok" : String.join("; ", o.problems())));
        }
        return t.toString();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    static void log(String message) {
        System.out.println("[fault-suite " + Instant.now() + "] " + message);
    }

    static Path reportFile() {
        return LocalStackRun.ROOT.resolve("system-tests/target/fault-suite.md");
    }
}
