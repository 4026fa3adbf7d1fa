package dev.vigil.evaluator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@Entity
@Table(name = "coverage")
public class Coverage extends PanacheEntityBase {
    @Id
    @Column(name = "coverage_key")
    public String coverageKey;
    public String source;
    @Column(name = "resource_type")
    public String resourceType;
    @Column(name = "run_id")
    public String runId;
    @Column(name = "run_state")
    public String runState;
    @Column(name = "run_started_at")
    public Instant runStartedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "expected_count")
    public long expectedCount;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String gaps;
    @Column(name = "scope_settled")
    public boolean scopeSettled;
    /** Resources of this run stored so far; scope settles when it reaches expectedCount. */
    @Column(name = "seen_in_run")
    public long seenInRun;

    public static String key(String source, String resourceType) {
        return source + "|" + resourceType;
    }

    public static List<Coverage> ofTypes(Collection<String> types) {
        return list("resourceType in ?1", types);
    }
}
