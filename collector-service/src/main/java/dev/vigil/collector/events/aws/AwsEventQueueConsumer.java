package dev.vigil.collector.events.aws;

import dev.vigil.collector.aws.AwsAccounts;
import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.events.DeliveryMemories;
import dev.vigil.collector.events.DeliveryMemory;
import dev.vigil.collector.events.TargetedCollections;
import dev.vigil.common.retry.Backoff;
import dev.vigil.common.retry.ServiceStoppingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Pulls the AWS event queue ({@code vigil.events.aws.queue-url}) on a thread of its own while the service runs: a
 * long poll, each message handed to {@link QueueMessages}. SQS is pulled with the service's own AWS credentials, so
 * nothing is exposed to the internet and there is no signature to check: only a principal the queue's policy
 * allows can have put a message there. A failing receive is logged naming the queue and the error and tried again
 * with backoff ({@link Backoff}: transient failures at once, doubling to 30 s; others, such as a denied
 * sqs:ReceiveMessage, every 30 s until the policy is fixed). Stopping leaves unfinished messages on the queue.
 */
@ApplicationScoped
public class AwsEventQueueConsumer {
    private static final Logger LOG = Logger.getLogger(AwsEventQueueConsumer.class);
    private static final Duration PERMANENT_FAILURE_WAIT = Duration.ofSeconds(30);

    private final EventsConfig.Aws config;
    private final VigilConfig.AwsAccount account;
    private final AwsClients clients;
    private final TargetedCollections reads;
    private final DeliveryMemory recent;
    private final MeterRegistry meters;
    private volatile boolean stopping;
    private SqsClient sqs;
    private Thread poller;

    public AwsEventQueueConsumer(EventsConfig.Aws config, EventsConfig.Receiver receiver,
                                 VigilConfig.AwsAccount account, AwsClients clients, TargetedCollections reads,
                                 DeliveryMemories memories, MeterRegistry meters) {
        this.config = config;
        this.account = account;
        this.clients = clients;
        this.reads = reads;
        this.recent = memories.shared("aws-queue", receiver.deliveryMemory(), receiver.deliveryMemorySize());
        this.meters = meters;
    }

    void start(@Observes StartupEvent started) {
        Optional<String> url = config.queueUrl().filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return;
        }
        String queueUrl = url.get();
        Region region = Region.of(SqsEventQueue.region(queueUrl).orElse(account.region()));
        Optional<URI> endpoint = config.endpointOverride().filter(e -> !e.isBlank()).map(URI::create)
                .or(() -> SqsEventQueue.region(queueUrl).isPresent() ? Optional.empty()
                        : Optional.of(SqsEventQueue.endpoint(queueUrl)));
        sqs = clients.ownUnrecorded(SqsClient.builder(), region, endpoint, config.waitTime().plusSeconds(10));
        SqsEventQueue queue = new SqsEventQueue(sqs, queueUrl, config.waitTime(), config.maxMessages(),
                config.visibilityTimeout());
        QueueMessages messages = new QueueMessages(queue, CloudTrailEventTargets.declared(), accountsRead(), recent,
                reads::request, meters);
        poller = new Thread(() -> poll(queue, messages), "aws-event-queue");
        poller.setDaemon(true);
        poller.start();
        LOG.infof("pulling AWS events from SQS queue %s (%s)", queueUrl, region);
    }

    /**
     * The own account and each configured role's; with the organisation walk on, any account (the collector then
     * reads only the organisation's members and reports any other as a failure).
     */
    private Predicate<String> accountsRead() {
        if (account.organizations().enabled()) {
            return a -> true;
        }
        Set<String> accounts = new HashSet<>(List.of(account.accountId()));
        account.accounts().orElse(List.of())
                .forEach(r -> AwsAccounts.accountOf(r.roleArn()).ifPresent(accounts::add));
        return accounts::contains;
    }

    private void poll(EventQueue queue, QueueMessages messages) {
        Backoff backoff = Backoff.consumer(() -> stopping);
        while (!stopping) {
            List<EventQueue.Message> received;
            try {
                received = backoff.untilDone("receive from SQS queue " + queue.name(), () -> receive(queue));
            } catch (ServiceStoppingException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf("could not receive from SQS queue %s: %s; trying again in %d s", queue.name(),
                        Backoff.rootMessage(e), PERMANENT_FAILURE_WAIT.toSeconds());
                if (!pause()) {
                    return;
                }
                continue;
            }
            Instant now = Instant.now();
            for (EventQueue.Message message : received) {
                try {
                    messages.handle(message, now);
                } catch (RuntimeException e) { // the service stopping under it: the message is delivered again
                    LOG.errorf("message %s of SQS queue %s left for redelivery: %s", message.messageId(),
                            queue.name(), Backoff.rootMessage(e));
                }
            }
        }
    }

    /** One receive; a failure, transient or not, is counted before Backoff decides what follows. */
    private List<EventQueue.Message> receive(EventQueue queue) {
        try {
            return queue.receive();
        } catch (RuntimeException e) {
            meters.counter("vigil.events.queue.receive.failures", "provider", QueueMessages.PROVIDER).increment();
            throw e;
        }
    }

    /** Waits after a failure that waiting may not cure; false once the service stops. */
    private boolean pause() {
        try {
            Thread.sleep(PERMANENT_FAILURE_WAIT.toMillis());
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        if (poller != null) {
            poller.interrupt();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
