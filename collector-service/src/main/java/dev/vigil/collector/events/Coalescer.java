package dev.vigil.collector.events;

import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers the deliveries that name one target while it is being read, so a burst (a ruleset edited five times in a
 * minute, a team of twenty added to a repository) costs two reads, not one per delivery: the first delivery is read
 * at once (seconds matter: it may be a protection removed), those that arrive while that read runs wait for one more
 * read after it, which is all a burst needs, since that read sees the target as the last of them left it. A read's
 * trigger is its batch's first delivery; the others are named in its {@code coalesced} list, so the provenance
 * accounts for every delivery.
 */
public final class Coalescer {
    /**
     * A delivery joined its target's batch: {@code opened} when no read of the target runs or waits, so the caller
     * starts one now ({@link #start}); {@code outcome} completes when the batch's read ends, for all its deliveries.
     */
    public record Joined(boolean opened, CompletableFuture<Boolean> outcome) {
    }

    /** The one read of a batch: its trigger, and the outcome to complete when it ends. */
    public record Read(Trigger trigger, CompletableFuture<Boolean> outcome) {
    }

    private record Batch(List<Trigger> deliveries, CompletableFuture<Boolean> outcome) {
    }

    /** Batches not read yet, by target. */
    private final Map<Target, Batch> waiting = new HashMap<>();
    /** Targets with a read running: a new delivery for one of them waits for the next read. */
    private final Set<Target> reading = new HashSet<>();

    public synchronized Joined add(Target target, Trigger delivery) {
        Batch batch = waiting.get(target);
        if (batch == null) {
            batch = new Batch(new ArrayList<>(List.of(delivery)), new CompletableFuture<>());
            waiting.put(target, batch);
            return new Joined(!reading.contains(target), batch.outcome());
        }
        batch.deliveries().add(delivery);
        return new Joined(false, batch.outcome());
    }

    /** Takes the target's waiting batch for its read, which runs from now: empty when nothing waits. */
    public synchronized Optional<Read> start(Target target) {
        Batch batch = waiting.remove(target);
        if (batch == null) {
            return Optional.empty();
        }
        reading.add(target);
        Trigger first = batch.deliveries().get(0);
        List<String> later = batch.deliveries().subList(1, batch.deliveries().size()).stream()
                .map(Trigger::deliveryId).toList();
        return Optional.of(new Read(new Trigger(first.provider(), first.deliveryId(), first.eventType(),
                first.receivedAt(), later), batch.outcome()));
    }

    /**
     * The target's read ended. True when deliveries arrived meanwhile: the caller starts their read ({@link #start});
     * until it does, new deliveries join them.
     */
    public synchronized boolean ended(Target target) {
        reading.remove(target);
        return waiting.containsKey(target);
    }
}
