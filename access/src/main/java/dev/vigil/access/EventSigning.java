package dev.vigil.access;

import dev.vigil.common.signing.EventKeySettings;
import dev.vigil.common.signing.EventSignatures;
import dev.vigil.common.signing.EventSigner;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The key this service signs the events it publishes with ({@code vigil.events.signing.*},
 * docs/evidence.md#event-signatures): collector-service its evidence and run events, report-service its manual
 * evidence uploads, the evaluator its status events. Read at start, so a missing or group-readable key stops the
 * service before it publishes anything.
 */
@Singleton
@Startup
public class EventSigning {
    private static final Logger LOG = Logger.getLogger(EventSigning.class);

    private final Optional<EventSigner> signer;

    public EventSigning(Config config) {
        this.signer = EventKeySettings.signer(EventKeyConfig.of(config));
        if (signer.isPresent()) {
            LOG.infof("events this service publishes are signed with key id '%s' (%s)", signer.get().keyId(),
                    EventSignatures.ALGORITHM);
        } else {
            LOG.warnf("%s=false: events are published UNSIGNED; consumers that verify dead-letter them",
                    EventKeySettings.SIGNING_ENABLED);
        }
    }

    /** The key itself, for what else the service signs (the evaluator's ledger checkpoints); empty when off. */
    public Optional<EventSigner> signer() {
        return signer;
    }

    /** Adds the signature headers for the record value (exactly the bytes that will be sent). */
    public Headers sign(Headers headers, String value) {
        signer.ifPresent(s -> s.headers(value).forEach(headers::add));
        return headers;
    }
}
