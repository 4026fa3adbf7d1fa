package dev.vigil.report.alerts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/**
 * One alert and its delivery (table report.alert, migrations V4 and V8). Rows are inserted by
 * {@link AlertStore#insert}.
 */
@Entity
@Table(name = "alert")
public class AlertRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alert_key", nullable = false, updatable = false)
    public String key;

    @Column(name = "control_id", nullable = false, updatable = false)
    public String controlId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Transition transition;

    @Column(name = "event_at", nullable = false, updatable = false)
    public Instant eventAt;

    /** The Block Kit message as posted; the cast lets a plain string parameter land in a jsonb column. */
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertState state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    /** When it was last posted (the answer or the I/O error); null while never tried (migration V8). */
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    public String route;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
