package dev.vigil.collector.run;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import dev.vigil.collector.testing.TestConfig;
import dev.vigil.common.evidence.SourceRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep slows to once a day where events find the changes, and only there. */
class CollectionIntervalsTest {
    static final VigilConfig.Collection DEFAULTS = TestConfig.of(Map.of()).collection();

    @Test
    void aCollectorWhoseProvidersEventsAnnounceEveryChangeSweepsDaily() {
        CollectionIntervals intervals = new CollectionIntervals(DEFAULTS, Set.of("github", "aws"));

        assertThat(intervals.of(new Targeted("github", null))).isEqualTo(Duration.ofHours(24));
        assertThat(intervals.readsEvents(new Targeted("github", null))).isTrue();
        // events are on and read, but some fact changes without one (a member turning off two-factor)
        assertThat(intervals.of(new Targeted("github", null, false))).isEqualTo(Duration.ofHours(6));
        assertThat(intervals.readsEvents(new Targeted("github", null, false))).isTrue();
        // events of the provider are off: polling is how changes are found
        assertThat(intervals.of(new Targeted("okta", null))).isEqualTo(Duration.ofHours(6));
        // events are on, but the collector cannot read one resource alone: an event changes nothing for it
        assertThat(intervals.of(new Whole("aws", null))).isEqualTo(Duration.ofHours(6));
        assertThat(intervals.readsEvents(new Whole("aws", null))).isFalse();
    }

    @Test
    void aCollectorsOwnIntervalWinsEitherWay() {
        CollectionIntervals intervals = new CollectionIntervals(DEFAULTS, Set.of("github"));
        assertThat(intervals.of(new Targeted("github", Duration.ofHours(1)))).isEqualTo(Duration.ofHours(1));
        assertThat(intervals.of(new Whole("okta", Duration.ofMinutes(30)))).isEqualTo(Duration.ofMinutes(30));
    }

    /** A collector of a provider, with its own {@code every} or none. */
    static class Whole implements Collector {
        final String provider;
        final Duration every;

        Whole(String provider, Duration every) {
            this.provider = provider;
            this.every = every;
        }

        @Override
        public CollectorInfo info() {
            return new CollectorInfo(provider + "-test", "1.0.0", provider, List.of("test.resource"), List.of());
        }

        @Override
        public VigilConfig.Schedule schedule() {
            return new VigilConfig.Schedule() {
                @Override
                public boolean enabled() {
                    return true;
                }

                @Override
                public Optional<Duration> every() {
                    return Optional.ofNullable(every);
                }
            };
        }

        @Override
        public SourceRef source() {
            return new SourceRef(provider, "test");
        }

        @Override
        public void collect(CollectionContext context) {
        }
    }

    static class Targeted extends Whole implements TargetedCollector {
        final boolean announced;

        Targeted(String provider, Duration every) {
            this(provider, every, true);
        }

        Targeted(String provider, Duration every, boolean announced) {
            super(provider, every);
            this.announced = announced;
        }

        @Override
        public boolean eventsAnnounceEveryChange() {
            return announced;
        }

        @Override
        public Set<String> targetKinds() {
            return Set.of("resource");
        }

        @Override
        public void collect(CollectionContext context, Target target) {
        }
    }
}
