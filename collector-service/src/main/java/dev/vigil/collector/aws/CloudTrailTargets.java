package dev.vigil.collector.aws;

import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one AWS collector reads again for CloudTrail's calls of one service: the event names that can change what it
 * publishes, and the resource each names. Implemented beside the collector and listed in
 * {@code META-INF/services/dev.vigil.collector.aws.CloudTrailTargets}; {@link CloudTrailEventTargets} does
 * the rest (event shape, failed calls, accounts Vigil does not read). deploy/aws/vigil-events.yaml has one rule per
 * {@link #eventSource()} matching exactly its {@link #eventNames()} (CloudTrailEventTargetsTest holds them together).
 */
public interface CloudTrailTargets {
    /** CloudTrail's {@code eventSource}, e.g. {@code iam.amazonaws.com}. */
    String eventSource();

    /** The event names read again for, each naming what {@link #targets} returns. */
    Set<String> eventNames();

    /**
     * Event names of the same source deliberately not read again for, with the reason (logged when one arrives):
     * a deletion, say, whose resource the next full run retires.
     */
    default Map<String, String> ignored() {
        return Map.of();
    }

    /** Why a deletion is not read again for: the resource is an item of its own, which only a full run retires. */
    static String retiredByTheNextFullRun(String what) {
        return what + " is an item of its own: a targeted read cannot retire it, and the next full run no longer "
                + "lists it";
    }

    /**
     * What one successful call of {@link #eventNames()}, in an account Vigil reads, names.
     *
     * @throws CloudTrailEventTargets.Malformed when the call does not name its resource as CloudTrail records it
     */
    List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed;
}
