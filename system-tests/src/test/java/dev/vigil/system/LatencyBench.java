package dev.vigil.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.testing.KafkaTestClient;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/**
 * The latency benchmark of event-driven collection (bench/latency.sh; docs/benchmarks.md, "Event latency"). Starts
 * the stack the README's way (deploy/local/up.sh) with Slack alerts going to a local stand-in, then makes changes in
 * the sandbox one after another, round robin over GitHub, AWS and Okta, each a drift scenario switched on or off
 * (deploy/local/drift.sh), which sends what the provider would: GitHub's signed webhook, CloudTrail's event on the
 * queue, Okta's hook call. Each change is timed at every hop, on this machine's one clock:
 *
 * <ol>
 *   <li><b>sent</b>: the sandbox sent the event (its {@code sentAt});</li>
 *   <li><b>received</b>: collector-service took it (the trigger's {@code receivedAt}; for AWS, when the queue's
 *       message was received);</li>
 *   <li><b>evidence</b>: the evidence of the targeted read is on Kafka (the record's timestamp);</li>
 *   <li><b>status</b>: the control's new status is on Kafka (CM-12 and LS-01 flip PASS ↔ FAIL; LS-26, already
 *       failing, gains or loses alice);</li>
 *   <li><b>Slack</b>: the stand-in received the alert (PASS ↔ FAIL only: LS-26 stays FAIL, so it sends none).</li>
 * </ol>
 *
 * Prints p50, p95 and max per hop and end to end, and the provider calls a day the demo organisation costs with
 * events on (a daily sweep plus the events' reads) and off (a full collection every 6 hours). Not a test: figures
 * depend on the machine; docs/benchmarks.md records runs next to the target (p95 end to end under 5 s).
 */
final class LatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOP_TIMEOUT = Duration.ofSeconds(90);
    /** alice's Okta user, whose factors okta-admin-factors-reset resets. */
    private static final String ALICE = ":user:00ualice000demo00001";

    /** A provider's change: the scenario that makes it and the control it moves. */
    record Source(String provider, String scenario, String control, boolean alerts) {
    }

    static final List<Source> SOURCES = List.of(
            new Source("github", "branch-protection-removed", "CM-12", true),
            new Source("aws", "bucket-loses-encryption", "LS-01", true),
            new Source("okta", "okta-admin-factors-reset", "LS-26", false));

    /** One change, timed at every hop (null: the hop does not apply or did not happen). */
    record Timing(String provider, String eventType, Instant sent, Instant received, Instant published,
                  Instant statusChanged, Instant slack) {
    }

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int changes = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: bench/latency.sh [--changes N]");
            }
        }
        io.restassured.RestAssured.baseURI = "http://127.0.0.1";
        try (SlackStandIn slack = new SlackStandIn()) {
            // Alerts as soon as a transition is seen: the flap delay (2 minutes by default) is a damping chosen by
            // the operator, and would otherwise be the whole of the last hop.
            LocalStackRun stack = LocalStackRun.up("vigil-latency", Map.of(
                    "VIGIL_ALERTS_SLACK_WEBHOOK_URL", slack.webhook().toString(),
                    "VIGIL_ALERTS_FLAP_DELAY", "0s"));
            try {
                List<Timing> timings = run(stack, slack, changes);
                String report = report(timings, callsADay(stack));
                System.out.println(report);
                Path file = LocalStackRun.ROOT.resolve("system-tests/target/latency.md");
                Files.createDirectories(file.getParent());
                Files.writeString(file, report);
            } finally {
                stack.down();
            }
        }
    }

    static List<Timing> run(LocalStackRun stack, SlackStandIn slack, int changes) throws Exception {
        awaitControl(stack, "CM-12", c -> "PASS".equals(c.getString("status")), Duration.ofMinutes(3));
        awaitControl(stack, "LS-01", c -> "PASS".equals(c.getString("status")), Duration.ofMinutes(3));
        awaitIdle(stack);
        List<Timing> timings = new ArrayList<>();
        Map<String, Boolean> on = new LinkedHashMap<>();
        try (KafkaTestClient kafka = stack.kafka();
             KafkaTestClient.Tail evidence = kafka.tailFromNow(Topics.EVIDENCE);
             KafkaTestClient.Tail statuses = kafka.tailFromNow(Topics.CONTROL_STATUS)) {
            for (int i = 0; i < changes; i++) {
                Source source = SOURCES.get(i % SOURCES.size());
                boolean switchOn = !on.getOrDefault(source.scenario(), false);
                int slackFrom = slack.accepted();
                String out = stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", source.scenario(),
                        switchOn ? "on" : "off");
                on.put(source.scenario(), switchOn);
                JsonPath delivered = new JsonPath(out.substring(out.indexOf('{')));
                String deliveryId = delivered.getString("delivered[0].deliveryId");
                Instant sent = Instant.parse(delivered.getString("delivered[0].sentAt"));

                ConsumerRecord<String, String> record = first(evidence,
                        r -> deliveryId.equals(trigger(r).path("deliveryId").asText()));
                Instant received = Instant.parse(trigger(record).path("receivedAt").asText());
                Instant published = Instant.ofEpochMilli(record.timestamp());

                ConsumerRecord<String, String> status = first(statuses, r -> r.timestamp() >= record.timestamp()
                        && moved(source, switchOn, data(r)));
                Instant statusChanged = Instant.ofEpochMilli(status.timestamp());

                Instant slackAt = null;
                if (source.alerts()) {
                    long deadline = System.nanoTime() + HOP_TIMEOUT.toNanos();
                    Optional<Instant> at;
                    while ((at = slack.firstAbout(source.control(), slackFrom)).isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    slackAt = at.orElseThrow(() -> new AssertionError("no Slack message about " + source.control()
                            + " within " + HOP_TIMEOUT + " of delivery " + deliveryId));
                }
                Timing t = new Timing(source.provider(), delivered.getString("delivered[0].eventType"), sent, received,
                        published, statusChanged, slackAt);
                timings.add(t);
                System.out.printf(Locale.ROOT, "%3d %-6s %-34s received %5d ms, evidence %5d ms, status %5d ms%s%n",
                        i + 1, t.provider(), t.eventType(), millis(sent, received), millis(sent, published),
                        millis(sent, statusChanged), slackAt == null ? "" : ", Slack " + millis(sent, slackAt) + " ms");
            }
        } finally {
            stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "all", "off");
        }
        return timings;
    }

    /** Whether a status event shows the source's control where the change puts it. */
    private static boolean moved(Source source, boolean switchedOn, JsonNode status) {
        if (!source.control().equals(status.path("controlId").asText())) {
            return false;
        }
        if (source.alerts()) {
            return status.path("status").asText().equals(switchedOn ? "FAIL" : "PASS");
        }
        boolean aliceFails = false;
        for (JsonNode r : status.path("failingResources")) {
            aliceFails |= r.path("resourceKey").asText().endsWith(ALICE);
        }
        return aliceFails == switchedOn;
    }

    private static ConsumerRecord<String, String> first(KafkaTestClient.Tail tail,
                                                        Predicate<ConsumerRecord<String, String>> match) {
        return tail.awaitAny(match, HOP_TIMEOUT).stream().filter(match)
                .min(Comparator.comparingLong(ConsumerRecord::timestamp)).orElseThrow();
    }

    /** The event's data: Vigil's records are CloudEvents in structured mode ({@code data} holds the event). */
    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            JsonNode value = JSON.readTree(record.value());
            return value.has("data") ? value.path("data") : value;
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode trigger(ConsumerRecord<String, String> record) {
        return data(record).path("provenance").path("trigger");
    }

    /**
     * Provider calls of a full collection of the demo organisation (the runs at start, which read everything) and
     * of an event's targeted read on average.
     */
    record Calls(long fullCollection, double perEvent, int events) {
    }

    static Calls callsADay(LocalStackRun stack) {
        List<Map<String, Object>> runs = given().port(stack.collectorPort).get("/api/collections")
                .then().statusCode(200).extract().jsonPath().getList("$");
        long full = 0;
        long targeted = 0;
        int events = 0;
        Map<String, Boolean> fullSeen = new LinkedHashMap<>();
        for (Map<String, Object> run : runs) {
            Object apiCalls = run.get("apiCalls");
            long counted = apiCalls instanceof Map<?, ?> m && m.get("counted") instanceof Number n ? n.longValue() : 0;
            if (run.get("trigger") == null) {
                if (fullSeen.putIfAbsent(String.valueOf(run.get("collector")), true) == null) {
                    full += counted; // the first full run of each collector: one whole collection
                }
            } else {
                targeted += counted;
                events++;
            }
        }
        return new Calls(full, events == 0 ? 0 : (double) targeted / events, events);
    }

    static String report(List<Timing> timings, Calls calls) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nEvent latency, %d changes (%s), %s%n%n", timings.size(),
                countsByProvider(timings), Instant.now()));
        out.append("| hop | n | p50 | p95 | max |\n|---|---|---|---|---|\n");
        row(out, "sent → received by collector-service", timings, t -> t.sent(), t -> t.received());
        row(out, "received → evidence on Kafka", timings, t -> t.received(), t -> t.published());
        row(out, "evidence → status on Kafka", timings, t -> t.published(), t -> t.statusChanged());
        row(out, "status → Slack message received", timings, t -> t.statusChanged(), t -> t.slack());
        row(out, "**end to end: sent → status changed**", timings, t -> t.sent(), t -> t.statusChanged());
        row(out, "**end to end: sent → Slack message**", timings, t -> t.sent(), t -> t.slack());
        for (Source s : SOURCES) {
            List<Timing> of = timings.stream().filter(t -> t.provider().equals(s.provider())).toList();
            row(out, s.provider() + ": sent → status changed", of, t -> t.sent(), t -> t.statusChanged());
        }
        long off = 4 * calls.fullCollection();
        out.append(String.format(Locale.ROOT, "%nProvider calls a day for the demo organisation: a full collection costs "
                        + "%d calls, an event's targeted read %.1f on average (%d events).%n"
                        + "- events off, a full collection every 6 hours: 4 × %d = %d calls a day, a change seen after 3 h"
                        + " on average;%n"
                        + "- events on, a daily sweep: %d + %.1f per change: %d calls a day at 10 changes a day, %d at 100;"
                        + " fewer than polling below %d changes a day.%n",
                calls.fullCollection(), calls.perEvent(), calls.events(), calls.fullCollection(), off,
                calls.fullCollection(), calls.perEvent(), Math.round(calls.fullCollection() + 10 * calls.perEvent()),
                Math.round(calls.fullCollection() + 100 * calls.perEvent()),
                calls.perEvent() == 0 ? 0 : Math.round(3 * calls.fullCollection() / calls.perEvent())));
        Standing standing = Standing.withDefaults();
        out.append(String.format(Locale.ROOT, "- and, with events on, what keeps them coming whether anything changes or "
                        + "not (production defaults): Entra ID's directory audit log read every %d min, %d calls and %d "
                        + "tokens; Google's channel made again every 4 h (watch, stop, token), %d; Graph's subscription "
                        + "renewed every 2 days, %d: %d calls a day, so %d a day in all at 10 changes a day.%n",
                standing.auditLogEvery().toMinutes(), standing.auditLogReads(), standing.auditLogTokens(),
                standing.googleChannel(), standing.graphSubscription(), standing.total(),
                Math.round(calls.fullCollection() + 10 * calls.perEvent()) + standing.total()));
        return out.toString();
    }

    /**
     * The calls a day events cost before any change, at collector-service's defaults (docs/configuration.md):
     * {@code vigil.events.entra.audit-log-every} 1 min with a token reused for 45 min, a Google channel of 6 h made
     * again when two thirds are over (a watch, the old channel's stop, a token), a Graph subscription of 3 days
     * renewed likewise (a PATCH and a token).
     */
    record Standing(Duration auditLogEvery, long auditLogReads, long auditLogTokens, long googleChannel,
                    long graphSubscription) {
        static Standing withDefaults() {
            Duration every = Duration.ofMinutes(1);
            long day = Duration.ofDays(1).toMinutes();
            return new Standing(every, day / every.toMinutes(), (day + 44) / 45, 3 * 6, 1);
        }

        long total() {
            return auditLogReads + auditLogTokens + googleChannel + graphSubscription;
        }
    }

    private static String countsByProvider(List<Timing> timings) {
        Map<String, Integer> n = new LinkedHashMap<>();
        timings.forEach(t -> n.merge(t.provider(), 1, Integer::sum));
        return n.toString().replace("{", "").replace("}", "").replace("=", " ");
    }

    private static void row(StringBuilder out, String hop, List<Timing> timings,
                            java.util.function.Function<Timing, Instant> from,
                            java.util.function.Function<Timing, Instant> to) {
        List<Long> ms = timings.stream().filter(t -> from.apply(t) != null && to.apply(t) != null)
                .map(t -> millis(from.apply(t), to.apply(t))).sorted().toList();
        if (ms.isEmpty()) {
            out.append("| ").append(hop).append(" | 0 | | | |\n");
            return;
        }
        out.append(String.format(Locale.ROOT, "| %s | %d | %.2f s | %.2f s | %.2f s |%n", hop, ms.size(),
                percentile(ms, 50) / 1000.0, percentile(ms, 95) / 1000.0, ms.get(ms.size() - 1) / 1000.0));
    }

    /** Nearest rank. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static void awaitIdle(LocalStackRun stack) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> states = given().port(stack.collectorPort).get("/api/collections")
                    .then().statusCode(200).extract().jsonPath().getList("state");
            if (!states.contains("STARTED") && !states.contains("PROGRESS")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("collections still running after 3 minutes");
    }

    private static JsonPath awaitControl(LocalStackRun stack, String control, Predicate<JsonPath> condition,
                                         Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = given().port(stack.reportPort).get("/api/controls/" + control)
                    .then().statusCode(200).extract().jsonPath();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(control + " never reached the expected state: " + (last == null ? "" : last.prettify()));
    }
}
