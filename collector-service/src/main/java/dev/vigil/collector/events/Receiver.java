package dev.vigil.collector.events;

import dev.vigil.collector.spi.ProviderEvents;

/**
 * One provider's webhook receiver: a CDI bean found by its provider name, which is also its path under the
 * receivers' prefix ({@code /hooks/github}). It verifies what the provider signs before it parses anything, and
 * maps a verified event to the targets it names. Size, rate, replay and metrics are the edge's
 * ({@link HookEdge}), the same for every provider.
 */
public interface Receiver extends ProviderEvents {
    /** {@code github}, {@code okta}, ...: also the path segment and the metrics' {@code provider} label. */
    @Override
    String provider();

    /** False when no secret is configured: the receiver then answers 404 and never accepts anything unsigned. */
    @Override
    boolean enabled();

    Reception receive(Delivery delivery);

    /**
     * Answers a GET to the receiver's path, which some providers send once to check the URL before delivering to it
     * (Okta's one-time verification). Verified as a delivery is, before anything else of it is read.
     */
    default Challenge challenge(Delivery request) {
        return Challenge.none();
    }

    /** The status that tells the provider a delivery arrived: 202, unless it documents others (Okta: 200 or 204). */
    default int acceptedStatus() {
        return 202;
    }
}
