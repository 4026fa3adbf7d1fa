package dev.vigil.evaluator.evaluation;

import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.evaluator.messaging.AcknowledgedSend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.nio.charset.StandardCharsets;

/** Publishes control status changes, keyed by control id, and waits until the broker has them. */
@ApplicationScoped
public class StatusPublisher {
    @Inject
    @Channel("control-status")
    Emitter<String> emitter;

    public void publish(ControlStatusEvent event) {
        AcknowledgedSend.send(emitter, event.controlId(),
                new RecordHeaders().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)),
                EventCodec.encode(event), "the status of " + event.controlId());
    }
}
