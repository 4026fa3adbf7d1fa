package dev.vigil.access;

import dev.vigil.common.retry.ServiceStoppingException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.function.BiConsumer;

/**
 * The connector's {@code dead-letter-queue} failure strategy, except while the service stops: then a record that
 * failed is neither dead-lettered nor acknowledged, so its offset is not committed and Kafka delivers it again after
 * the restart ({@link GracefulStop}). A channel uses it with
 * {@code mp.messaging.incoming.<channel>.failure-strategy=dead-letter-queue-unless-stopping}; the
 * {@code dead-letter-queue.*} settings apply as before.
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessStopping.STRATEGY)
public class DeadLetterUnlessStopping implements KafkaFailureHandler.Factory {
    public static final String STRATEGY = "dead-letter-queue-unless-stopping";
    private static final Logger LOG = Logger.getLogger(DeadLetterUnlessStopping.class);

    @Inject
    @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
    KafkaFailureHandler.Factory deadLetterQueue;
    @Inject
    GracefulStop stop;

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler dlq = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (stop.stopping() || ServiceStoppingException.in(reason)) { // GracefulStop logs the stop once
                    LOG.debugf("%s-%d@%d not processed, left for the next start (not acknowledged, not "
                            + "dead-lettered): %s", record.getTopic(), record.getPartition(), record.getOffset(),
                            reason.getMessage());
                    return Uni.createFrom().voidItem();
                }
                return dlq.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                dlq.terminate();
            }
        };
    }
}
