package dev.vigil.evaluator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.Collection;

@Entity
@Table(name = "resource_state")
public class ResourceState extends PanacheEntityBase {
    @Id
    @Column(name = "resource_key")
    public String resourceKey;
    @Column(name = "resource_type")
    public String resourceType;
    public String source;
    @Column(name = "evidence_id")
    public String evidenceId;
    @Column(name = "observed_at")
    public Instant observedAt;
    /** The sweep that saw it last (see {@code EvidenceBatchPlan}); scope settlement counts and retires by it. */
    @Column(name = "run_id")
    public String runId;
    @Column(name = "swept_at")
    public Instant sweptAt;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String provenance;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String verdicts;
    @Column(name = "in_scope")
    public boolean inScope;
    @Column(name = "retired_by_run")
    public String retiredByRun;

    public static boolean anyOfTypes(Collection<String> types) {
        return count("resourceType in ?1", types) > 0;
    }

    public static long countSeenInRun(String source, String type, String runId) {
        return count("source = ?1 and resourceType = ?2 and runId = ?3", source, type, runId);
    }

    /**
     * Resources of a source and type that a complete run did not see leave scope; not those observed after the run
     * started (a targeted read found them while the run was under way, perhaps created after it listed them).
     */
    public static int retireNotSeenIn(String source, String type, String runId, Instant runStartedAt) {
        return update("inScope = false, retiredByRun = ?3 where source = ?1 and resourceType = ?2 and runId <> ?3 "
                + "and inScope = true and observedAt < ?4", source, type, runId, runStartedAt);
    }
}
