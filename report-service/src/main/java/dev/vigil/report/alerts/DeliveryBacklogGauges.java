package dev.vigil.report.alerts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The delivery backlog as Prometheus gauges: {@code vigil_report_alerts_pending} and
 * {@code vigil_report_alerts_oldest_pending_age_seconds}. They are read from the alert table every delivery interval,
 * not at each scrape, so a scrape never waits for the database. Every instance of the service reports the same
 * table: aggregate them with max, not sum. NaN until the table was read, and while it cannot be.
 */
@Startup
@ApplicationScoped
public class DeliveryBacklogGauges {
    private static final Logger LOG = Logger.getLogger(DeliveryBacklogGauges.class);
    static final String PENDING = "vigil.report.alerts.pending";
    static final String OLDEST_PENDING_AGE = "vigil.report.alerts.oldest.pending.age";

    private final AlertStore store;
    private final MeterRegistry registry;
    private final Clock clock;
    private final List<Gauge> gauges;
    private volatile DeliveryBacklog last;

    public DeliveryBacklogGauges(AlertStore store, MeterRegistry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        Gauge pending = Gauge.builder(PENDING, this, g -> g.read(DeliveryBacklog::pending))
                .description("Slack alerts due or tried and not yet delivered (not those still held by flap-delay "
                        + "or the NOT_EVALUATED threshold)")
                .register(registry);
        Gauge oldest = Gauge.builder(OLDEST_PENDING_AGE, this, g -> g.read(b -> b.oldestPendingAge().toSeconds()))
                .description("How long ago the oldest pending Slack alert was raised; 0 when none is pending")
                .baseUnit("seconds")
                .register(registry);
        this.gauges = List.of(pending, oldest);
    }

    /**
     * A registry outlives this bean where the application restarts in one JVM (tests): a gauge left behind would
     * keep reading this instance, and a new one of the same name would not be registered.
     */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
    }

    private double read(ToDoubleFunction<DeliveryBacklog> figure) {
        DeliveryBacklog backlog = last;
        return backlog == null ? Double.NaN : figure.applyAsDouble(backlog);
    }

    @Scheduled(every = "${vigil.alerts.delivery.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            last = QuarkusTransaction.requiringNew().call(() -> store.backlog(clock.instant()));
        } catch (RuntimeException e) {
            // The database is out (readiness says so, the consumer logs it): unknown, rather than the last value.
            last = null;
            LOG.debugf(e, "Slack delivery backlog not read");
        }
    }
}
