package dev.vigil.report.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.EventCodec;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Status changes as every instance of report-service hears them, whichever instance projected them: the projection
 * announces each change with PostgreSQL's {@code NOTIFY} inside its own transaction, which PostgreSQL delivers only
 * if and when it commits, to every session listening; each instance listens on a connection of its own and passes on
 * what it hears ({@link #committed()}). So a rolled-back projection announces nothing, and no broker topic or group
 * is needed for a dashboard on another instance to update. While the listening connection is down (the database
 * is), changes are not heard: the dashboard falls back to polling, and the listener connects again with backoff.
 */
@ApplicationScoped
public class StatusNotifications {
    private static final Logger LOG = Logger.getLogger(StatusNotifications.class);
    /** PostgreSQL's channel; a payload is one {@link StatusChanged} as JSON (well under NOTIFY's 8,000 bytes). */
    static final String CHANNEL = "vigil_status_changed";
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BroadcastProcessor<StatusChanged> heard = BroadcastProcessor.create();
    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private volatile boolean stopping;
    private Thread listener;

    public StatusNotifications(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** Within the projection's transaction ({@link StatusProjection} fires it there): sent on commit. */
    void announce(@Observes StatusChanged change) {
        em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, json(change))
                .getSingleResult();
    }

    /** Hot: the changes committed after subscribing, by any instance. */
    public Multi<StatusChanged> committed() {
        return heard;
    }

    void start(@Observes StartupEvent started) {
        listener = new Thread(this::listen, "status-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        while (!stopping) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                LOG.debugf("listening on %s for status changes", CHANNEL);
                backoff = Duration.ofSeconds(1);
                while (!stopping) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        pass(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warnf("not listening for status changes (%s); dashboards poll until it connects again in %s",
                        e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void pass(String payload) {
        try {
            heard.onNext(JSON.readValue(payload, StatusChanged.class));
        } catch (JsonProcessingException e) {
            // another writer on the channel: nothing of ours to show
            LOG.warnf("a notification on %s is not a status change: %s", CHANNEL, e.getOriginalMessage());
        }
    }

    static String json(StatusChanged change) {
        try {
            return JSON.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
