package dev.vigil.report.history;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.store.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;

/** One interval of a control's history (table report.status_interval, migration V2). */
@Entity
@Table(name = "status_interval")
public class StatusIntervalRow extends PanacheEntityBase {
    private static final TypeReference<List<FailingResource>> FAILING_RESOURCES = new TypeReference<>() {
    };


    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "control_id", nullable = false)
    public String controlId;

    @Column(nullable = false)
    public String status;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "valid_to")
    public Instant validTo;

    @Column(name = "resources_in_scope", nullable = false)
    public int resourcesInScope;

    public String reason;

    /** How many resources failed; {@link #failingResources} may hold only the first of them (V9). */
    @Column(name = "failing_resource_count", nullable = false)
    public int failingResourceCount;

    /** The event's list as JSON; the cast lets a plain string parameter land in a jsonb column. */
    @Column(name = "failing_resources", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String failingResources;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    static StatusIntervalRow from(StatusInterval interval, Instant now) {
        StatusIntervalRow row = new StatusIntervalRow();
        row.controlId = interval.controlId();
        row.status = interval.status();
        row.validFrom = interval.from();
        row.validTo = interval.to();
        row.resourcesInScope = interval.resourcesInScope();
        row.reason = interval.reason();
        row.failingResourceCount = interval.failingResourceCount();
        row.failingResources = JsonColumns.write(interval.failingResources());
        row.recordedAt = now;
        return row;
    }

    StatusInterval toInterval() {
        return new StatusInterval(controlId, status, validFrom, validTo, resourcesInScope, failingResourceCount,
                JsonColumns.read(failingResources, FAILING_RESOURCES),
                reason);
    }
}
