package dev.vigil.common.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The provider event that made a collector look again at what it names (a targeted run), as the provider
 * identified it: an auditor can find the delivery in the provider's own log (GitHub's "Recent Deliveries").
 * Deliveries for one target that arrived close together are read once: the first is the trigger, the others
 * are listed in {@code coalesced}.
 *
 * @param provider    {@code github}, later {@code okta}, {@code aws}, ...
 * @param deliveryId  the provider's id of the delivery ({@code X-GitHub-Delivery})
 * @param eventType   the provider's event name and action, e.g. {@code branch_protection_rule.deleted}
 * @param receivedAt  when Vigil received the delivery
 * @param coalesced   delivery ids of later deliveries answered by the same read, in arrival order
 */
public record Trigger(
        String provider,
        String deliveryId,
        String eventType,
        Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> coalesced) {

    public Trigger {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(receivedAt, "receivedAt");
        receivedAt = Times.micros(receivedAt);
        coalesced = coalesced == null ? List.of() : List.copyOf(coalesced);
    }

    public Trigger(String provider, String deliveryId, String eventType, Instant receivedAt) {
        this(provider, deliveryId, eventType, receivedAt, List.of());
    }
}
