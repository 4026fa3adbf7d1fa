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
 * @param answer    the plain-text body a validation is answered with (Microsoft Graph's validation token)
 */
public record Reception(Outcome outcome, String deliveryId, String eventType, List<Target> targets, String reason,
                        String answer) {
    public enum Outcome {
        /** Verified, names something Vigil reads: read again shortly. */
        ACCEPTED,
        /** Verified; the provider checks the receiver is there. */
        PING,
        /**
         * The provider checks the URL is its receiver by asking for a value back (Microsoft Graph's
         * {@code validationToken}): answered 200 with {@link #answer()}, nothing read.
         */
        VALIDATION,
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
        return new Reception(Outcome.ACCEPTED, deliveryId, eventType, targets, null, null);
    }

    public static Reception ping(String deliveryId) {
        return new Reception(Outcome.PING, deliveryId, "ping", List.of(), null, null);
    }

    public static Reception ignored(String deliveryId, String eventType, String reason) {
        return new Reception(Outcome.IGNORED, deliveryId, eventType, List.of(), reason, null);
    }

    /** @param answer the text the provider expects back, as it sent it */
    public static Reception validation(String answer) {
        return new Reception(Outcome.VALIDATION, null, "validation", List.of(), null, answer);
    }

    /** @param reason a fixed word such as {@code bad-signature} */
    public static Reception rejected(String reason) {
        return new Reception(Outcome.REJECTED, null, null, List.of(), reason, null);
    }

    public static Reception malformed(String reason) {
        return new Reception(Outcome.MALFORMED, null, null, List.of(), reason, null);
    }
}
