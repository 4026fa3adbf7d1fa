package dev.vigil.access;

import dev.vigil.common.signing.EventAdmission;
import dev.vigil.common.signing.EventKeySettings;
import dev.vigil.common.signing.EventSignatures;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What this service believes of the events it consumes (docs/evidence.md#event-signatures): signed by one of the
 * keys it trusts ({@code vigil.events.trusted-keys*}), and not dated further ahead than
 * {@code vigil.events.max-clock-skew}. The evaluator checks evidence and run events, report-service status events.
 * Created with the consumers that inject it, at start: a service without trusted keys stops before it reads a record;
 * one that consumes nothing (collector-service) never needs any. The skew is checked against the wall clock: it is
 * about when the event could have happened in the real world.
 */
@Singleton
public class EventTrust {
    private static final Logger LOG = Logger.getLogger(EventTrust.class);

    private final EventAdmission admission;

    public EventTrust(Config config) {
        Duration skew = config.getOptionalValue(EventKeySettings.MAX_CLOCK_SKEW, Duration.class)
                .orElse(EventKeySettings.DEFAULT_MAX_CLOCK_SKEW);
        this.admission = EventKeySettings.admission(EventKeyConfig.of(config), skew, Clock.systemUTC());
        LOG.infof("events this service consumes %s; events dated more than %s ahead are dead-lettered",
                admission.verifying() ? "must be signed by a trusted key"
                        : "are NOT verified (" + EventKeySettings.VERIFICATION + "=off)", skew);
    }

    /** @throws dev.vigil.common.signing.RejectedEventException unless signed by a trusted key (or verification is off) */
    public void requireTrusted(ConsumerRecord<String, String> record) {
        requireTrusted(record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8),
                record.headers());
    }

    /**
     * The same for a record's value as it came from the broker (null when absent): what was signed, byte for byte.
     *
     * @throws dev.vigil.common.signing.RejectedEventException unless signed by a trusted key (or verification is off)
     */
    public void requireTrusted(byte[] value, Headers headers) {
        admission.requireTrusted(value == null ? new byte[0] : value, header(headers, EventSignatures.SIGNATURE_HEADER),
                header(headers, EventSignatures.KEY_ID_HEADER));
    }

    /** @throws dev.vigil.common.signing.RejectedEventException when the event is dated too far ahead */
    public void requireNotFuture(Instant eventTime) {
        admission.requireNotFuture(eventTime);
    }

    private static byte[] header(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null ? null : h.value();
    }
}
