package dev.vigil.evaluator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

@Entity
@Table(name = "control_state")
public class ControlState extends PanacheEntityBase {
    @Id
    @Column(name = "control_id")
    public String controlId;
    public String status;
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
    @Column(name = "resources_in_scope")
    public int resourcesInScope;
    @Column(name = "failing_resources", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String failingResources;
    public String reason;
    public String fingerprint;
    /** The version of the status last published, 0 before any (V8); the next publication is this plus one. */
    public long version;
}
