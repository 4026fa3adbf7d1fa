package dev.vigil.collector.events;

import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the deliveries that name one target while its read waits, so a burst (a ruleset edited five times in a
 * minute, a team of twenty added to a repository) becomes one read. The read's trigger is the first delivery; the
 * others are named in its {@code coalesced} list, so the provenance accounts for every delivery.
 */
public final class Coalescer {
    private final Map<Target, List<Trigger>> waiting = new HashMap<>();

    /** @return true when this delivery opens a batch for the target: the caller reads it once the delay is over */
    public synchronized boolean add(Target target, Trigger delivery) {
        List<Trigger> batch = waiting.get(target);
        if (batch == null) {
            waiting.put(target, new ArrayList<>(List.of(delivery)));
            return true;
        }
        batch.add(delivery);
        return false;
    }

    /** Closes the target's batch: the trigger of its one read, or empty when nothing waits. */
    public synchronized Optional<Trigger> close(Target target) {
        List<Trigger> batch = waiting.remove(target);
        if (batch == null) {
            return Optional.empty();
        }
        Trigger first = batch.get(0);
        List<String> later = batch.subList(1, batch.size()).stream().map(Trigger::deliveryId).toList();
        return Optional.of(new Trigger(first.provider(), first.deliveryId(), first.eventType(), first.receivedAt(),
                later));
    }
}
