package dev.vigil.report.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.store.JsonColumns;
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
    private static final TypeReference<List<FailingResource>> FAILING_RESOURCES = new TypeReference<>() {
    };


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

    /** How many resources fail; the event may list only the first of them (V9). */
    @Column(name = "failing_resource_count", nullable = false)
    public int failingResourceCount;

    /** Kept as the JSON the event carried; the cast lets a plain string parameter land in a jsonb column. */
    @Column(name = "failing_resources", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String failingResources;

    @Column(name = "projected_at", nullable = false)
    public Instant projectedAt;

    /** The control's status version the event carried; null if it had none (V10). */
    public Long version;

    /** What the control's rules alone said ({@link AutomatedPart}); null when the event had no such part (V11). */
    @Column(name = "automated_part", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String automatedPart;

    /** What its required documents said ({@link DocumentPart}); null when the event had no such part (V11). */
    @Column(name = "document_part", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String documentPart;

    static ControlStatusRow from(ControlStatusEvent event, Instant now) {
        ControlStatusRow row = new ControlStatusRow();
        row.controlId = event.controlId();
        row.copy(event, now);
        return row;
    }

    void copy(ControlStatusEvent event, Instant now) {
        status = event.status();
        evaluatedAt = event.evaluatedAt(); // already at storage precision (Times.micros)
        resourcesInScope = event.resourcesInScope();
        reason = event.reason();
        failingResourceCount = event.failingResourceCount();
        failingResources = JsonColumns.write(event.failingResources());
        version = event.version();
        automatedPart = event.automated() == null ? null : JsonColumns.write(event.automated());
        documentPart = event.documents() == null ? null : JsonColumns.write(event.documents());
        projectedAt = now;
    }

    public ControlStatusEvent toEvent() {
        return new ControlStatusEvent(controlId, status, evaluatedAt, resourcesInScope, failingResourceCount,
                JsonColumns.read(failingResources, FAILING_RESOURCES),
                reason, version,
                automatedPart == null ? null : JsonColumns.read(automatedPart, AutomatedPart.class),
                documentPart == null ? null : JsonColumns.read(documentPart, DocumentPart.class));
    }
}
