package dev.vigil.collector.events;

import dev.vigil.collector.spi.Target;

import java.util.List;

/**
 * What a receiver made of a delivery. Only a verified delivery has a delivery id, an event type and targets; a
 * rejected one has only the reason, which becomes the metric's {@code reason} label (a fixed word, never text the
 * sender chose).
 *
 * @param eventType the provider's event and action, e.g. {@code branch_protection_rule.deleted}
 * @param targets   what to read again (accepted deliveries only)
 * @param reason    why it was rejected or ignored
 */
public record Reception(Outcome outcome, String deliveryId, String eventType, List<Target> targets, String reason) {
    public enum Outcome {
        /** Verified, names something Vigil reads: read again shortly. */
        ACCEPTED,
        /** Verified; the provider checks the receiver is there. */
        PING,
        /** Verified, but names nothing Vigil reads. */
        IGNORED,
        /** Not signed, or not signed with a configured secret. */
        REJECTED,
        /** Signed, but not a delivery this receiver can read. */
        MALFORMED
    }

    public Reception {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public static Reception accepted(String deliveryId, String eventType, List<Target> targets) {
        return new Reception(Outcome.ACCEPTED, deliveryId, eventType, targets, null);
    }

    public static Reception ping(String deliveryId) {
        return new Reception(Outcome.PING, deliveryId, "ping", List.of(), null);
    }

    public static Reception ignored(String deliveryId, String eventType, String reason) {
        return new Reception(Outcome.IGNORED, deliveryId, eventType, List.of(), reason);
    }

    /** @param reason a fixed word such as {@code bad-signature} */
    public static Reception rejected(String reason) {
        return new Reception(Outcome.REJECTED, null, null, List.of(), reason);
    }

    public static Reception malformed(String reason) {
        return new Reception(Outcome.MALFORMED, null, null, List.of(), reason);
    }
}
