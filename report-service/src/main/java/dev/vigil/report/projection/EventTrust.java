package dev.vigil.report.projection;

import dev.vigil.common.signing.EventAdmission;
import dev.vigil.common.signing.EventKeySettings;
import dev.vigil.common.signing.EventSignatures;
import dev.vigil.common.signing.EventSigner;
import io.quarkus.runtime.Startup;
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
import java.util.Optional;

/**
 * report-service's event keys (docs/evidence.md#event-signatures): the key it signs manual evidence uploads with,
 * and the keys it trusts for control-status events (the evaluator's). Read at start: a missing key stops the service
 * before it reads or publishes a record. A status event dated ahead of this clock by more than the allowed skew is
 * refused: consumers keep the newest status, so one such event would pin a control.
 */
@Singleton
@Startup
public class EventTrust {
    private static final Logger LOG = Logger.getLogger(EventTrust.class);

    private final Optional<EventSigner> signer;
    private final EventAdmission admission;

    public EventTrust(Config config) {
        EventKeySettings.Source source = new EventKeySettings.Source() {
            @Override
            public Optional<String> value(String name) {
                return config.getOptionalValue(name, String.class);
            }

            @Override
            public Iterable<String> names() {
                return config.getPropertyNames();
            }
        };
        this.signer = EventKeySettings.signer(source);
        Duration skew = config.getOptionalValue(EventKeySettings.MAX_CLOCK_SKEW, Duration.class)
                .orElse(EventKeySettings.DEFAULT_MAX_CLOCK_SKEW);
        this.admission = EventKeySettings.admission(source, skew, Clock.systemUTC());
        LOG.infof("uploaded evidence events %s; status events %s; events dated more than %s ahead are dead-lettered",
                signer.map(s -> "are signed with key id '" + s.keyId() + "'").orElse("are published UNSIGNED ("
                        + EventKeySettings.SIGNING_ENABLED + "=false)"),
                admission.verifying() ? "must be signed by a trusted key" : "are NOT verified ("
                        + EventKeySettings.VERIFICATION + "=off)", skew);
    }

    /** Adds the signature headers for the record value (exactly the bytes that will be sent). */
    public Headers sign(Headers headers, String value) {
        signer.ifPresent(s -> {
            headers.add(EventSignatures.SIGNATURE_HEADER,
                    s.sign(value.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            headers.add(EventSignatures.KEY_ID_HEADER, s.keyId().getBytes(StandardCharsets.UTF_8));
        });
        return headers;
    }

    /** @throws dev.vigil.common.signing.RejectedEventException unless signed by a trusted key (or verification is off) */
    public void requireTrusted(ConsumerRecord<String, String> record) {
        admission.requireTrusted(record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8),
                header(record, EventSignatures.SIGNATURE_HEADER), header(record, EventSignatures.KEY_ID_HEADER));
    }

    /** @throws dev.vigil.common.signing.RejectedEventException when the event is dated too far ahead */
    public void requireNotFuture(Instant eventTime) {
        admission.requireNotFuture(eventTime);
    }

    private static byte[] header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : h.value();
    }
}
