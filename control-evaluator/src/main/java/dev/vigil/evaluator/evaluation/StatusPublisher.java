package dev.vigil.evaluator.evaluation;

import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.evaluator.messaging.AcknowledgedSend;
import dev.vigil.access.EventSigning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.nio.charset.StandardCharsets;

/** Publishes control status changes, keyed by control id, signed, and waits until the broker has them. */
@ApplicationScoped
public class StatusPublisher {
    @Inject
    @Channel("control-status")
    Emitter<String> emitter;
    @Inject
    EventSigning signing;

    public void publish(ControlStatusEvent event) {
        String value = EventCodec.encode(event);
        AcknowledgedSend.send(emitter, event.controlId(), signing.sign(
                new RecordHeaders().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)),
                value), value, "the status of " + event.controlId());
    }
}
