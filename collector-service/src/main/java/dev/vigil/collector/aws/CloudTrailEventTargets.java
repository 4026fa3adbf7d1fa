package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an EventBridge event of a CloudTrail management call names for Vigil to read again, by asking the
 * {@link CloudTrailTargets} of the call's service (each collector's own). Generic here: the event's shape, a call
 * that failed ({@code errorCode}: it changed nothing), an account Vigil does not read, an event no collector reads
 * again for; each ignored with the reason. A message that is no such event, or a call that does not name its
 * resource, is {@link Malformed}.
 */
public final class CloudTrailEventTargets {
    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /** The EventBridge event id, the event as named in provenance, and either what to read or why nothing. */
    public record Mapped(String eventId, String eventType, List<Target> targets, String ignoredBecause) {
    }

    /** A message that is no EventBridge event of a CloudTrail call: no read can follow from it, ever. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    private final Map<String, List<CloudTrailTargets>> bySource;

    public CloudTrailEventTargets(List<CloudTrailTargets> declared) {
        Map<String, List<CloudTrailTargets>> sources = new LinkedHashMap<>();
        for (CloudTrailTargets d : declared) {
            sources.computeIfAbsent(d.eventSource(), s -> new ArrayList<>()).add(d);
        }
        this.bySource = sources;
    }

    /** The declarations of {@code META-INF/services}: every collector's that reads again for CloudTrail calls. */
    public static CloudTrailEventTargets declared() {
        return new CloudTrailEventTargets(declarations());
    }

    public static List<CloudTrailTargets> declarations() {
        return ServiceLoader.load(CloudTrailTargets.class, CloudTrailTargets.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** Each event source and the event names read again for it (what the EventBridge rules must match). */
    public Map<String, Set<String>> eventNames() {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        bySource.forEach((source, declared) -> declared.forEach(d -> names.computeIfAbsent(source,
                s -> new LinkedHashSet<>()).addAll(d.eventNames())));
        return names;
    }

    /**
     * @param event the EventBridge event (the SQS message's body)
     * @param accountRead whether Vigil reads an account ({@code vigil.aws.*})
     */
    public Mapped map(JsonNode event, Predicate<String> accountRead) throws Malformed {
        if (event == null || !event.isObject()) {
            throw new Malformed("not a JSON object");
        }
        String id = event.path("id").asText("");
        if (id.isBlank()) {
            throw new Malformed("no EventBridge event id");
        }
        JsonNode detail = event.path("detail");
        if (!DETAIL_TYPE.equals(event.path("detail-type").asText()) || !detail.isObject()) {
            throw new Malformed("event " + id + " is not an AWS API call via CloudTrail");
        }
        String source = detail.path("eventSource").asText("");
        String name = detail.path("eventName").asText("");
        if (source.isEmpty() || name.isEmpty()) {
            throw new Malformed("event " + id + " has no eventSource or eventName");
        }
        String eventType = source.replace(".amazonaws.com", "") + "." + name;
        List<CloudTrailTargets> declared = bySource.getOrDefault(source, List.of());
        if (declared.isEmpty()) {
            return ignored(id, eventType, "not a service Vigil reads again for events");
        }
        if (!detail.path("errorCode").asText("").isEmpty()) {
            return ignored(id, eventType, "the call failed (" + detail.path("errorCode").asText() + "): nothing changed");
        }
        String account = detail.path("recipientAccountId").asText(event.path("account").asText(""));
        if (!ACCOUNT.matcher(account).matches()) {
            throw new Malformed("event " + id + " names no account");
        }
        if (!accountRead.test(account)) {
            return ignored(id, eventType, "account " + account + " is not one Vigil reads");
        }
        String region = detail.path("awsRegion").asText(event.path("region").asText(""));
        if (!REGION.matcher(region).matches()) {
            throw new Malformed("event " + id + " names no region");
        }
        CloudTrailCall call = new CloudTrailCall(id, eventType, name, account, region, detail);
        Set<Target> targets = new LinkedHashSet<>();
        String why = null;
        for (CloudTrailTargets d : declared) {
            if (d.eventNames().contains(name)) {
                targets.addAll(d.targets(call));
            } else if (why == null) {
                why = d.ignored().get(name);
            }
        }
        if (targets.isEmpty()) {
            return ignored(id, eventType, why != null ? why : "not an event Vigil reads anything again for");
        }
        return new Mapped(id, eventType, List.copyOf(targets), null);
    }

    private static Mapped ignored(String id, String eventType, String reason) {
        return new Mapped(id, eventType, List.of(), reason);
    }
}
