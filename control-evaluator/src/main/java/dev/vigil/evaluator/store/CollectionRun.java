package dev.vigil.evaluator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

@Entity
@Table(name = "collection_run")
public class CollectionRun extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;
    public String collector;
    public String source;
    public String state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "resource_types", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String resourceTypes;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String counts;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String failures;
    /** The provider event a targeted run answered; null for a sweep. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String trigger;
}
