package dev.vigil.collector.events;

import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.run.CollectionRunner;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps the providers' push subscriptions alive that expire unless renewed (a Microsoft Graph subscription, a
 * Google notification channel), one {@link Subscription} port per provider. Each is created at start, renewed when
 * two thirds of the lifetime the provider granted are over, and retried with a doubling backoff when a call fails:
 * the failure is logged with what was sent and what came back, and the service goes on (the receivers and the daily
 * full runs do not depend on it). One instance of the group does this at a time ({@link SubscriptionHolder}); the
 * ports' state is in its memory: after a restart, or on the instance that takes over, each port finds or makes its
 * subscription again.
 */
@ApplicationScoped
public class Subscriptions {
    private static final Logger LOG = Logger.getLogger(Subscriptions.class);

    /** One provider's subscription, as a port: the provider's calls are the adapter's. */
    public interface Subscription {
        /** {@code entra-users}, {@code google-admin}: in logs, and to ask for a renewal by name. */
        String name();

        /** False unless its secret, public URL and the collector's credentials are configured. */
        boolean enabled();

        /**
         * Creates the subscription (when none is held) or renews the one held.
         *
         * @return when the subscription now held expires, as the provider granted it
         * @throws Exception naming what was sent and what the provider answered
         */
        Instant keep(Instant now) throws Exception;

        /** Forgets the subscription held (the provider removed it): the next {@link #keep} makes a new one. */
        void forget();
    }

    private static final class State {
        Instant due;
        int failures;

        State(Instant due) {
            this.due = due;
        }
    }

    private final Map<String, Subscription> ports = new LinkedHashMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final Duration checkEvery;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Supplier<Instant> clock;
    private final BooleanSupplier ourTurn;
    private final Runnable giveUpTurn;
    private ScheduledExecutorService scheduler;

    @Inject
    public Subscriptions(Instance<Subscription> ports, EventsConfig.Subscriptions config, AgroalDataSource db,
                         CollectionRunner runner) {
        this(ports.stream().toList(), config, new SubscriptionHolder(db, runner.instance()));
    }

    private Subscriptions(List<Subscription> ports, EventsConfig.Subscriptions config, SubscriptionHolder holder) {
        // the turn outlives three looks: a holder that misses two is still the holder
        this(ports, config.checkEvery(), config.initialBackoff(), config.maxBackoff(), Instant::now,
                () -> holder.hold(config.checkEvery().multipliedBy(3)), holder::release);
    }

    /** One instance alone: its turn always. */
    public Subscriptions(List<Subscription> ports, Duration checkEvery, Duration initialBackoff, Duration maxBackoff,
                         Supplier<Instant> clock) {
        this(ports, checkEvery, initialBackoff, maxBackoff, clock, () -> true, () -> { });
    }

    /**
     * @param ourTurn    whether this instance keeps the group's subscriptions now (asked at every look)
     * @param giveUpTurn lets another instance take them over (the service stops)
     */
    public Subscriptions(List<Subscription> ports, Duration checkEvery, Duration initialBackoff, Duration maxBackoff,
                         Supplier<Instant> clock, BooleanSupplier ourTurn, Runnable giveUpTurn) {
        ports.forEach(p -> this.ports.put(p.name(), p));
        this.checkEvery = checkEvery;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.ourTurn = ourTurn;
        this.giveUpTurn = giveUpTurn;
    }

    void start(@Observes StartupEvent started) {
        if (ports.values().stream().noneMatch(Subscription::enabled)) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-subscriptions");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> tick(clock.get()), 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (scheduler != null) {
            scheduler.shutdownNow();
            giveUpTurn.run();
        }
    }

    /**
     * Creates, renews or retries every enabled subscription that is due, when this instance keeps them for the group;
     * never throws.
     */
    public synchronized void tick(Instant now) {
        if (!ourTurn.getAsBoolean()) {
            if (!states.isEmpty()) {
                // another instance keeps them now: what this one held is theirs to renew or replace, and on taking
                // over again each port looks for or makes its subscription at once
                ports.values().forEach(Subscription::forget);
                states.clear();
            }
            return;
        }
        for (Subscription port : ports.values()) {
            if (!port.enabled()) {
                continue;
            }
            State state = states.computeIfAbsent(port.name(), n -> new State(now));
            if (now.isBefore(state.due)) {
                continue;
            }
            try {
                Instant expires = port.keep(now);
                Duration granted = Duration.between(now, expires);
                // renew when two thirds are over: a third of the lifetime is left for retries
                state.due = now.plus(granted.isNegative() ? Duration.ZERO : granted.multipliedBy(2).dividedBy(3));
                state.failures = 0;
                LOG.infof("%s subscription held until %s; renewal at %s", port.name(), expires, state.due);
            } catch (Exception e) {
                // a bug in an adapter must not end the renewals of the others either: logged, retried later
                state.failures++;
                Duration backoff = backoff(state.failures);
                state.due = now.plus(backoff);
                LOG.errorf("%s subscription could not be created or renewed (attempt %d): %s; retrying in %s",
                        port.name(), state.failures, e.getMessage(), backoff);
            }
        }
    }

    /** The provider asks for a renewal now (Graph's reauthorizationRequired): at the next tick, or now. */
    public void renewNow(String name) {
        due(name);
    }

    /** The provider removed the subscription (Graph's subscriptionRemoved): a new one is made at once. */
    public void recreate(String name) {
        Subscription port = ports.get(name);
        if (port != null) {
            port.forget();
            due(name);
        }
    }

    /** When the named subscription is next looked at; null when it was never. */
    public synchronized Instant nextCheck(String name) {
        State state = states.get(name);
        return state == null ? null : state.due;
    }

    private void due(String name) {
        synchronized (this) {
            State state = states.get(name);
            if (state != null) {
                state.due = Instant.MIN;
            }
        }
        if (scheduler != null) {
            scheduler.execute(() -> tick(clock.get()));
        }
    }

    Duration backoff(int failures) {
        Duration d = initialBackoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
