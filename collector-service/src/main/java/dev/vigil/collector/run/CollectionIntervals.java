package dev.vigil.collector.run;

import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.ProviderEvents;
import dev.vigil.collector.spi.TargetedCollector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * How often each collector runs: its own {@code vigil.collectors.<name>.every} when set; otherwise every
 * {@code vigil.collection.every} (6 hours), the only way changes are found when nothing announces them; or, when its
 * provider's events are on (a receiver with a secret, or the AWS queue), it reads what an event names and those events
 * announce every change of what it publishes ({@link TargetedCollector#eventsAnnounceEveryChange()}), every
 * {@code vigil.collection.every-with-events} (a day): events find the changes within seconds, and the run is the
 * reconciliation sweep that catches whatever an event missed.
 */
@ApplicationScoped
public class CollectionIntervals {
    /** The AWS events come from a queue, not a receiver: {@code vigil.events.aws.queue-url}. */
    static final String AWS = "aws";

    private final VigilConfig.Collection collection;
    private final Set<String> providersWithEvents;

    @Inject
    public CollectionIntervals(VigilConfig config, Instance<ProviderEvents> receivers, EventsConfig.Aws aws) {
        this(config.collection(), providersWithEvents(receivers, aws));
    }

    public CollectionIntervals(VigilConfig.Collection collection, Set<String> providersWithEvents) {
        this.collection = collection;
        this.providersWithEvents = Set.copyOf(providersWithEvents);
    }

    private static Set<String> providersWithEvents(Instance<ProviderEvents> receivers, EventsConfig.Aws aws) {
        Set<String> on = new TreeSet<>();
        for (ProviderEvents r : receivers) {
            if (r.enabled()) {
                on.add(r.provider());
            }
        }
        if (aws.queueUrl().filter(url -> !url.isBlank()).isPresent()) {
            on.add(AWS);
        }
        return on;
    }

    public Duration of(Collector collector) {
        return collector.schedule().every().orElseGet(() -> readsEvents(collector)
                && ((TargetedCollector) collector).eventsAnnounceEveryChange()
                ? collection.everyWithEvents() : collection.every());
    }

    /** Whether events of the collector's provider are on and name what it can read alone. */
    public boolean readsEvents(Collector collector) {
        return collector instanceof TargetedCollector && providersWithEvents.contains(collector.provider());
    }
}
