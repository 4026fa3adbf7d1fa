package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.config.EventsConfig;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.entra.GraphApi;
import dev.vigil.collector.events.DeliveryMemories;
import dev.vigil.collector.events.DeliveryMemory;
import dev.vigil.collector.events.RecentDeliveries;
import dev.vigil.collector.events.TargetedCollections;
import dev.vigil.collector.spi.Target;
import dev.vigil.common.evidence.Trigger;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import okhttp3.HttpUrl;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Reads Entra ID's directory audit log for authentication-method changes, which Graph notifies nobody of
 * ({@link DirectoryAuditTargets}), every {@code vigil.events.entra.audit-log-every}: {@code GET
 * /v1.0/auditLogs/directoryAudits?$filter=loggedByService eq 'Authentication Methods' and activityDateTime ge <now -
 * lookback>}. Records reach the log minutes after the change, so each read looks back over the whole lookback
 * and a record seen before (by id) is not read again; a user named is read again at once as a notification's would
 * be, the record named in provenance. A record later than the lookback is left to the scheduled collection. A
 * failed read of the log is logged with what was sent and what came back, and tried again at the next turn; a
 * failed read of a user is forgotten, so the next turn reads it again.
 */
@ApplicationScoped
public class EntraAuditLog {
    private static final Logger LOG = Logger.getLogger(EntraAuditLog.class);
    public static final String PROVIDER = "entra";
    /** Records this instance remembers alone while the database is unreachable. */
    private static final int CAPACITY = 100_000;
    /** How long one app token is used for the log's reads. */
    static final Duration TOKEN_REUSE = Duration.ofMinutes(45);

    /** Lists the log's records since a time (the port to Graph). */
    @FunctionalInterface
    public interface Records {
        List<JsonNode> since(Instant since) throws IOException;
    }

    private final Records records;
    private final BiFunction<List<Target>, Trigger, CompletableFuture<Boolean>> reads;
    private final Duration every;
    private final Duration lookback;
    private final DeliveryMemory seen;
    private final MeterRegistry meters;
    private ScheduledExecutorService scheduler;
    private String lastFailure;
    private Instant lastFailureLogged = Instant.EPOCH;

    @Inject
    public EntraAuditLog(EventsConfig.Entra events, VigilConfig vigil, TargetedCollections reads,
                         DeliveryMemories memories, MeterRegistry meters) {
        // shared: every instance lists the same log, and a record one of them read is not read again by another
        this(graph(GraphApp.of(vigil.collectors().entra())), reads::request, events.auditLogEvery(),
                events.auditLogLookback(), memories.shared("entra-audit-log", remembered(events.auditLogLookback()),
                        CAPACITY), meters);
    }

    /** @param reads reads targets again ({@link TargetedCollections#request}): true once their evidence is published */
    public EntraAuditLog(Records records, BiFunction<List<Target>, Trigger, CompletableFuture<Boolean>> reads,
                         Duration every, Duration lookback,
                         MeterRegistry meters) {
        this(records, reads, every, lookback, new RecentDeliveries(remembered(lookback), CAPACITY), meters);
    }

    EntraAuditLog(Records records, BiFunction<List<Target>, Trigger, CompletableFuture<Boolean>> reads,
                  Duration every, Duration lookback, DeliveryMemory seen, MeterRegistry meters) {
        this.records = records;
        this.reads = reads;
        this.every = every;
        this.lookback = lookback;
        this.seen = seen;
        this.meters = meters;
    }

    /** A record is remembered for twice the window it can be listed in. */
    private static Duration remembered(Duration lookback) {
        return lookback.multipliedBy(2);
    }

    /** The log as Graph lists it, one app token reused for {@link #TOKEN_REUSE}; null without the collector. */
    private static Records graph(GraphApp app) {
        if (app == null) {
            return null;
        }
        return new Records() {
            private GraphApi api;
            private Instant signedIn = Instant.EPOCH;

            @Override
            public List<JsonNode> since(Instant since) throws IOException {
                // one token for a while, not one per turn: Entra's app tokens live 60 to 90 minutes
                if (api == null || signedIn.plus(TOKEN_REUSE).isBefore(Instant.now())) {
                    api = app.signIn();
                    signedIn = Instant.now();
                }
                HttpUrl url = api.url("auditLogs/directoryAudits", "$filter", "loggedByService eq '"
                        + DirectoryAuditTargets.SERVICE + "' and activityDateTime ge "
                        + since.truncatedTo(ChronoUnit.SECONDS));
                try {
                    return api.all(url, "list directory audits");
                } catch (IOException e) {
                    api = null; // a token revoked or expired early: the next turn signs in again
                    throw new IOException("GET " + url + ": " + e.getMessage(), e);
                }
            }
        };
    }

    public boolean enabled() {
        return records != null && !every.isZero() && !every.isNegative();
    }

    void start(@Observes StartupEvent started) {
        if (!enabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "entra-audit-log");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> turn(Instant.now()), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("reading Entra ID's directory audit log for authentication-method changes every %s (looking back %s)",
                every, lookback);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One read of the log, and a read of every user its new records name; never throws. */
    public void turn(Instant now) {
        List<JsonNode> listed;
        try {
            listed = records.since(now.minus(lookback));
        } catch (IOException | RuntimeException e) {
            meters.counter("vigil.events.audit.reads", "provider", PROVIDER, "outcome", "failed").increment();
            // a missing permission fails every turn: said when it starts or changes, and hourly while it lasts
            String message = e.getMessage();
            if (!message.equals(lastFailure) || lastFailureLogged.plus(Duration.ofHours(1)).isBefore(now)) {
                LOG.errorf("could not read Entra ID's directory audit log (%s); trying again every %s, and until "
                        + "then authentication-method changes wait for the scheduled collection", message, every);
                lastFailure = message;
                lastFailureLogged = now;
            }
            return;
        }
        lastFailure = null;
        meters.counter("vigil.events.audit.reads", "provider", PROVIDER, "outcome", "read").increment();
        for (DirectoryAuditTargets.Change change : DirectoryAuditTargets.of(listed)) {
            if (!seen.firstTime(PROVIDER, change.id(), now)) {
                continue;
            }
            meters.counter("vigil.events.received", "provider", PROVIDER, "outcome", "accepted").increment();
            LOG.infof("entra audit record %s (%s): reading %s again", change.id(), change.eventType(), change.targets());
            reads.apply(change.targets(), new Trigger(PROVIDER, change.id(), change.eventType(), now))
                    .whenComplete((ok, error) -> {
                        if (error != null || !Boolean.TRUE.equals(ok)) {
                            seen.forget(PROVIDER, change.id()); // the next turn lists it again and reads it
                        }
                    });
        }
    }
}
