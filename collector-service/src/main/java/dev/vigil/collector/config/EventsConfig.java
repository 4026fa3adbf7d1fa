package dev.vigil.collector.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the event receivers (docs/configuration.md, "Event receivers"): the internet-facing edge shared by
 * every provider, and each provider's secrets. Roots of their own, not {@code vigil.events}: that prefix also holds
 * the event-signature settings, which are read by name.
 */
public final class EventsConfig {
    private EventsConfig() {
    }

    @ConfigMapping(prefix = "vigil.events.receiver")
    public interface Receiver {
        /** Path prefix of every receiver ({@code <path>/github}); the only path to expose to the internet. */
        @WithDefault("/hooks")
        String path();

        /** A delivery's body above this is refused (413) before it is read further. GitHub caps payloads at 25 MB. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /** Deliveries accepted per second and provider, on average (429 beyond, once the burst is spent). */
        @WithDefault("20")
        int rateLimit();

        /** Deliveries a provider may send at once above the average. */
        @WithDefault("200")
        int rateBurst();

        /** How long a delivery id is remembered, so that a redelivery or a replay reads nothing again. */
        @WithDefault("24h")
        Duration deliveryMemory();

        /** At most this many delivery ids are remembered (the oldest are forgotten first). */
        @WithDefault("100000")
        int deliveryMemorySize();

        /**
         * A target is read as soon as a delivery names it; deliveries naming it while it is read are answered by one
         * more read after it, started no sooner than this after the one before (a burst costs a read per delay).
         */
        @WithDefault("2s")
        Duration coalesceDelay();
    }

    @ConfigMapping(prefix = "vigil.events.github")
    public interface GitHub {
        /**
         * The webhook secrets deliveries may be signed with ({@code X-Hub-Signature-256}); two during a rotation.
         * None: the GitHub receiver is off and answers 404.
         */
        Optional<List<String>> secrets();
    }

    @ConfigMapping(prefix = "vigil.events.okta")
    public interface Okta {
        /**
         * The event hook's authentication secret, which Okta sends as the value of {@link #header()} with every
         * delivery and with the one-time verification; two during a rotation. None: the Okta receiver is off and
         * answers 404.
         */
        Optional<List<String>> secrets();

        /** The header Okta sends the secret in: the hook's "Authentication field" (HTTP names ignore case). */
        @WithDefault("Authorization")
        String header();
    }

    /** CloudTrail management events through an EventBridge rule to an SQS queue that collector-service pulls. */
    @ConfigMapping(prefix = "vigil.events.aws")
    public interface Aws {
        /**
         * The queue's URL ({@code https://sqs.us-east-1.amazonaws.com/123456789012/vigil-events}), from the stack of
         * deploy/aws/vigil-events.yaml. Empty: nothing is pulled.
         */
        Optional<String> queueUrl();

        /** Long poll: SQS holds a receive this long (at most 20 s) until a message arrives. */
        @WithDefault("20s")
        Duration waitTime();

        /** Messages per receive (1 to 10). */
        @WithDefault("10")
        int maxMessages();

        /**
         * How long a received message stays hidden from other receives; it is deleted once its evidence is
         * published, so this must exceed the coalescing delay plus a read. Not deleted by then, SQS delivers it again
         * (to the dead-letter queue after the queue's maxReceiveCount).
         */
        @WithDefault("5m")
        Duration visibilityTimeout();

        /** SQS at another address (a local stand-in); the queue's region is still read from its URL. */
        Optional<String> endpointOverride();
    }

    /** Microsoft Graph change notifications for the users of the Entra ID tenant ({@code vigil.collectors.entra-id-users}). */
    @ConfigMapping(prefix = "vigil.events.entra")
    public interface Entra {
        /**
         * The subscription's {@code clientState}, which Graph sends back in every notification; two during a
         * rotation, the last being the one a new subscription carries. At most 128 characters. None: the Entra
         * receiver is off (404) and no subscription is made.
         */
        Optional<List<String>> secrets();

        /**
         * The public URL of the Entra receiver ({@code https://vigil.example.com/hooks/entra}), which Graph
         * validates and then notifies (lifecycle notifications included). Empty: Vigil makes no subscription (one
         * made by hand is still received).
         */
        Optional<String> notificationUrl();

        /** How long a subscription is asked for; Graph allows at most 41760 minutes (29 days) for users. */
        @WithDefault("3d")
        Duration subscriptionLifetime();

        /**
         * How often the directory audit log is read for authentication-method changes, which Graph sends no change
         * notification for (Graph asks {@code AuditLog.Read.All} and {@code Directory.Read.All}). {@code 0s}: not read
         * (the scheduled collection sees them). Only when {@code entra-id-users} is configured.
         */
        @WithDefault("1m")
        Duration auditLogEvery();

        /** How far back each read of the audit log looks: records reach it minutes late. */
        @WithDefault("15m")
        Duration auditLogLookback();
    }

    /** Admin SDK Reports API push notifications of the admin audit log ({@code vigil.collectors.google-workspace-users}). */
    @ConfigMapping(prefix = "vigil.events.google")
    public interface Google {
        /**
         * The notification channel's token, which Google sends back in {@code X-Goog-Channel-Token}; two during a
         * rotation, the last being the one a new channel carries. None: the Google receiver is off (404) and no
         * channel is made.
         */
        Optional<List<String>> secrets();

        /** The public HTTPS URL of the Google receiver ({@code https://vigil.example.com/hooks/google}). Empty: no channel. */
        Optional<String> notificationUrl();

        /** How long a channel is asked for; Google may grant less, and the renewal follows what it granted. */
        @WithDefault("6h")
        Duration channelLifetime();
    }

    /** The renewal of Graph subscriptions and Google channels ({@code events.Subscriptions}). */
    @ConfigMapping(prefix = "vigil.events.subscriptions")
    public interface Subscriptions {
        /** How often what is due (a renewal, a retry) is looked for. */
        @WithDefault("1m")
        Duration checkEvery();

        /** The first retry after a failure; doubled on each further failure. */
        @WithDefault("1m")
        Duration initialBackoff();

        /** Retries are never further apart than this. */
        @WithDefault("30m")
        Duration maxBackoff();
    }
}
