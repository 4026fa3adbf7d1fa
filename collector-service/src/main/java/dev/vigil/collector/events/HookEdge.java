package dev.vigil.collector.events;

import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The internet-facing edge every receiver shares, in the order that spends least on what is refused: the receiver
 * by name (404 when unknown or without a secret), the size limit (413), the provider's rate limit (429), then the
 * receiver's signature check (401) and only then anything read from the body; a delivery id already seen reads
 * nothing again (200). What a verified delivery names is handed on to be read ({@link TargetedCollections}, 202).
 * Every refusal is counted in {@code vigil_events_rejected_total{provider,reason}}, every verified delivery in
 * {@code vigil_events_received_total{provider,outcome}}. Nothing a sender sends is logged but the delivery id and
 * event of a verified delivery; never a header value or a secret.
 */
@ApplicationScoped
public class HookEdge {
    private static final Logger LOG = Logger.getLogger(HookEdge.class);

    /** Where verified deliveries' targets go. */
    @FunctionalInterface
    public interface Reads {
        void request(List<Target> targets, Trigger trigger);
    }

    /** The HTTP answer: status and a short plain-text message that repeats nothing the sender sent. */
    public record Answer(int status, String message) {
    }

    private final Map<String, Receiver> receivers = new TreeMap<>();
    private final Map<String, RateLimit> limits = new TreeMap<>();
    private final long maxBodyBytes;
    private final DeliveryMemory recent;
    private final Reads reads;
    private final MeterRegistry meters;
    private final LongSupplier nanos;

    @Inject
    public HookEdge(Instance<Receiver> receivers, EventsConfig.Receiver config, TargetedCollections reads,
                    DeliveryMemories memories, MeterRegistry meters) {
        this(receivers.stream().toList(), config.maxBodySize().asLongValue(), config.rateLimit(), config.rateBurst(),
                memories.shared("hooks", config.deliveryMemory(), config.deliveryMemorySize()), reads::request, meters,
                System::nanoTime);
    }

    public HookEdge(List<Receiver> receivers, long maxBodyBytes, int rateLimit, int rateBurst, DeliveryMemory recent,
                    Reads reads, MeterRegistry meters, LongSupplier nanos) {
        for (Receiver r : receivers) {
            if (this.receivers.put(r.provider(), r) != null) {
                throw new IllegalStateException("two receivers for provider " + r.provider());
            }
            limits.put(r.provider(), new RateLimit(rateLimit, rateBurst, nanos.getAsLong()));
        }
        this.maxBodyBytes = maxBodyBytes;
        this.recent = recent;
        this.reads = reads;
        this.meters = meters;
        this.nanos = nanos;
    }

    /** The most a delivery's body may hold. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The receivers' path prefix as configured, with one leading slash and none trailing. */
    public static String basePath(String configured) {
        String trimmed = configured.strip().replaceAll("/+$", "");
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /** Answers a delivery whose body the adapter refused as too large before reading it. */
    public Answer tooLarge(String provider) {
        return reject(known(provider), 413, "too-large", "the delivery is larger than " + maxBodyBytes + " bytes");
    }

    public Answer receive(String provider, Map<String, String> headers, byte[] body, Instant receivedAt) {
        return receive(provider, headers, Map.of(), body, receivedAt);
    }

    /** @param query the request's query parameters, decoded (the first value of each) */
    public Answer receive(String provider, Map<String, String> headers, Map<String, String> query, byte[] body,
                          Instant receivedAt) {
        Receiver receiver = receivers.get(provider);
        if (receiver == null || !receiver.enabled()) {
            return reject(known(provider), 404, receiver == null ? "unknown-receiver" : "disabled",
                    "no receiver here");
        }
        if (body != null && body.length > maxBodyBytes) {
            return tooLarge(provider);
        }
        if (!limits.get(provider).tryTake(nanos.getAsLong())) {
            return reject(provider, 429, "rate-limited", "too many deliveries; retry later");
        }
        Reception reception = receiver.receive(new Delivery(provider, headers, query, body, receivedAt));
        switch (reception.outcome()) {
            case REJECTED:
                return reject(provider, 401, reception.reason(), "signature missing or not valid");
            case MALFORMED:
                return reject(provider, 400, "malformed", "not a delivery this receiver reads: " + reception.reason());
            case PING:
                received(provider, "ping");
                return new Answer(200, "pong");
            case VALIDATION:
                // the one answer that repeats what the sender sent: the provider's protocol asks for exactly that
                received(provider, "validation");
                LOG.infof("%s validation request answered", provider);
                return new Answer(200, reception.answer());
            default:
                break;
        }
        if (!recent.firstTime(provider, reception.deliveryId(), receivedAt)) {
            received(provider, "duplicate");
            return new Answer(200, "delivery " + reception.deliveryId() + " was already received");
        }
        if (reception.outcome() == Reception.Outcome.IGNORED) {
            received(provider, "ignored");
            LOG.debugf("%s delivery %s (%s) ignored: %s", provider, reception.deliveryId(), reception.eventType(),
                    reception.reason());
            return new Answer(204, "");
        }
        received(provider, "accepted");
        LOG.infof("%s delivery %s (%s): reading %s again", provider, reception.deliveryId(), reception.eventType(),
                reception.targets());
        reads.request(reception.targets(), new Trigger(provider, reception.deliveryId(), reception.eventType(),
                receivedAt));
        return new Answer(receiver.acceptedStatus(), "accepted: " + reception.targets().size()
                + " target(s) will be read again");
    }

    /**
     * Answers a GET to a receiver's path: the provider's one-time check of the URL (Okta's verification), refused
     * as deliveries are (404, 429, 401), counted in {@code vigil_events_received_total{outcome="challenge"}} when
     * answered. The answer's message is the JSON body the provider expects.
     */
    public Answer challenge(String provider, Map<String, String> headers, Instant receivedAt) {
        Receiver receiver = receivers.get(provider);
        if (receiver == null || !receiver.enabled()) {
            return reject(known(provider), 404, receiver == null ? "unknown-receiver" : "disabled",
                    "no receiver here");
        }
        if (!limits.get(provider).tryTake(nanos.getAsLong())) {
            return reject(provider, 429, "rate-limited", "too many requests; retry later");
        }
        Challenge challenge = receiver.challenge(new Delivery(provider, headers, null, receivedAt));
        if (challenge.rejectedBecause() != null) {
            return reject(provider, 401, challenge.rejectedBecause(), "authorization missing or not valid");
        }
        if (challenge.json() == null) {
            return reject(provider, 405, "no-challenge", "deliveries are POSTed");
        }
        received(provider, "challenge");
        LOG.infof("%s verification request answered", provider);
        return new Answer(200, challenge.json());
    }

    /** The provider label of a refusal: a path segment nobody configured is not a label value. */
    private String known(String provider) {
        return receivers.containsKey(provider) ? provider : "unknown";
    }

    private Answer reject(String provider, int status, String reason, String message) {
        meters.counter("vigil.events.rejected", "provider", provider, "reason", reason).increment();
        return new Answer(status, message);
    }

    private void received(String provider, String outcome) {
        meters.counter("vigil.events.received", "provider", provider, "outcome", outcome).increment();
    }
}
