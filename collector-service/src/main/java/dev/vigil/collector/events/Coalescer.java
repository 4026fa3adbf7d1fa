package dev.vigil.collector.events;

import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers the deliveries that name one target while its read waits, so a burst (a ruleset edited five times in a
 * minute, a team of twenty added to a repository) becomes one read. The read's trigger is the first delivery; the
 * others are named in its {@code coalesced} list, so the provenance accounts for every delivery.
 */
public final class Coalescer {
    /**
     * A delivery joined its target's waiting read: {@code opened} when it opened the batch (the caller reads the target
     * once the delay is over); {@code outcome} completes when that read ends, for every delivery of the batch.
     */
    public record Joined(boolean opened, CompletableFuture<Boolean> outcome) {
    }

    /** The one read of a closed batch: its trigger, and the outcome to complete when it ends. */
    public record Read(Trigger trigger, CompletableFuture<Boolean> outcome) {
    }

    private record Batch(List<Trigger> deliveries, CompletableFuture<Boolean> outcome) {
    }

    private final Map<Target, Batch> waiting = new HashMap<>();

    public synchronized Joined add(Target target, Trigger delivery) {
        Batch batch = waiting.get(target);
        if (batch == null) {
            batch = new Batch(new ArrayList<>(List.of(delivery)), new CompletableFuture<>());
            waiting.put(target, batch);
            return new Joined(true, batch.outcome());
        }
        batch.deliveries().add(delivery);
        return new Joined(false, batch.outcome());
    }

    /** Closes the target's batch: its one read, or empty when nothing waits. */
    public synchronized Optional<Read> close(Target target) {
        Batch batch = waiting.remove(target);
        if (batch == null) {
            return Optional.empty();
        }
        Trigger first = batch.deliveries().get(0);
        List<String> later = batch.deliveries().subList(1, batch.deliveries().size()).stream()
                .map(Trigger::deliveryId).toList();
        return Optional.of(new Read(new Trigger(first.provider(), first.deliveryId(), first.eventType(),
                first.receivedAt(), later), batch.outcome()));
    }
}
