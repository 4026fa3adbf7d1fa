package dev.vigil.report.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.board.ProjectionRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;

/** The latest status of one control (table report.control_status, see db/migration). */
@Entity
@Table(name = "control_status")
public class ControlStatusRow extends PanacheEntityBase {

    @Id
    @Column(name = "control_id")
    public String controlId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ControlStatus status;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    @Column(name = "resources_in_scope", nullable = false)
    public int resourcesInScope;

    public String reason;

    /** Kept as the JSON the event carried; the cast lets a plain string parameter land in a jsonb column. */
    @Column(name = "failing_resources", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String failingResources;

    @Column(name = "projected_at", nullable = false)
    public Instant projectedAt;

    static ControlStatusRow from(ControlStatusEvent event, Instant now) {
        ControlStatusRow row = new ControlStatusRow();
        row.controlId = event.controlId();
        row.copy(event, now);
        return row;
    }

    void copy(ControlStatusEvent event, Instant now) {
        status = event.status();
        evaluatedAt = ProjectionRule.storagePrecision(event.evaluatedAt());
        resourcesInScope = event.resourcesInScope();
        reason = event.reason();
        failingResources = writeJson(event.failingResources());
        projectedAt = now;
    }

    public ControlStatusEvent toEvent() {
        return new ControlStatusEvent(controlId, status, evaluatedAt, resourcesInScope, readJson(failingResources),
                reason);
    }

    private static String writeJson(List<FailingResource> resources) {
        try {
            return EventCodec.mapper().writeValueAsString(resources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise failing resources", e);
        }
    }

    private static List<FailingResource> readJson(String json) {
        try {
            return EventCodec.listOf(EventCodec.mapper().readTree(json), FailingResource.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored failing resources are not JSON", e);
        }
    }
}
