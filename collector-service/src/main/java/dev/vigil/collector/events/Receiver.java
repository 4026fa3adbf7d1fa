package dev.vigil.collector.events;

/**
 * One provider's webhook receiver: a CDI bean found by its provider name, which is also its path under the
 * receivers' prefix ({@code /hooks/github}). It verifies what the provider signs before it parses anything, and
 * maps a verified event to the targets it names. Size, rate, replay and metrics are the edge's
 * ({@link HookEdge}), the same for every provider.
 */
public interface Receiver {
    /** {@code github}, {@code okta}, ...: the path segment and the metrics' {@code provider} label. */
    String provider();

    /** False when no secret is configured: the receiver then answers 404 and never accepts anything unsigned. */
    boolean enabled();

    Reception receive(Delivery delivery);
}
