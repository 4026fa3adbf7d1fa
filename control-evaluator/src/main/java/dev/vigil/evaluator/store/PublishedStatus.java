package dev.vigil.evaluator.store;

import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.store.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A status as published, with its complete list of failing resources (the event lists only the first; migration V6)
 * and its automated and document parts (V10).
 * The list is written once and read a page at a time ({@link #failingResources(String, Instant, int, int)}).
 */
@Entity
@Table(name = "published_status")
@IdClass(PublishedStatus.Key.class)
public class PublishedStatus extends PanacheEntityBase {
    @Id
    @Column(name = "control_id")
    public String controlId;
    @Id
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
    public String status;
    @Column(name = "resources_in_scope")
    public int resourcesInScope;
    @Column(name = "failing_resource_count")
    public int failingResourceCount;
    /** Written, never loaded whole by the API: pages are cut in the database. */
    @Column(name = "failing_resources", columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String failingResources;
    public String reason;
    /** The control's status version this publication carried (V8). */
    public long version;
    /** What the control's rules alone said ({@code AutomatedPart}); null for a control without rules (V10). */
    @Column(name = "automated_part", columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String automatedPart;
    /** What its required documents said ({@code DocumentPart}); null for a control that requires none (V10). */
    @Column(name = "document_part", columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String documentPart;

    /** What a page says about its status, without loading the list (megabytes for a large organisation). */
    public record Header(Instant evaluatedAt, String status, String reason, int failingResourceCount,
                         AutomatedPart automated, DocumentPart documents) {
    }

    /** The status of the control published at {@code evaluatedAt}, or null if none was. */
    public static Header header(String controlId, Instant evaluatedAt) {
        return getEntityManager().createQuery("""
                        SELECT p.evaluatedAt, p.status, p.reason, p.failingResourceCount, p.automatedPart, p.documentPart
                          FROM PublishedStatus p WHERE p.controlId = ?1 AND p.evaluatedAt = ?2
                        """, Object[].class)
                .setParameter(1, controlId)
                .setParameter(2, evaluatedAt)
                .getResultStream().findFirst()
                .map(r -> new Header((Instant) r[0], (String) r[1], (String) r[2], (Integer) r[3],
                        r[4] == null ? null : JsonColumns.read((String) r[4], AutomatedPart.class),
                        r[5] == null ? null : JsonColumns.read((String) r[5], DocumentPart.class)))
                .orElse(null);
    }

    /** When the control's current status was published, or null if it has none yet. */
    public static Instant currentEvaluatedAt(String controlId) {
        return getEntityManager().createQuery("SELECT c.evaluatedAt FROM ControlState c WHERE c.controlId = ?1",
                        Instant.class)
                .setParameter(1, controlId)
                .getResultStream().findFirst().orElse(null);
    }

    /** Positions [offset, offset + limit) of the status's failing resources, each as its JSON, in published order. */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> failingResources(String controlId, Instant evaluatedAt, int offset, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT r.resource::text
                          FROM published_status p
                         CROSS JOIN LATERAL jsonb_array_elements(p.failing_resources) WITH ORDINALITY AS r(resource, n)
                         WHERE p.control_id = ?1 AND p.evaluated_at = ?2
                         ORDER BY r.n
                         OFFSET ?3 LIMIT ?4
                        """)
                .setParameter(1, controlId)
                .setParameter(2, evaluatedAt)
                .setParameter(3, offset)
                .setParameter(4, limit)
                .getResultList();
    }

    public static class Key implements Serializable {
        public String controlId;
        public Instant evaluatedAt;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(controlId, k.controlId) && Objects.equals(evaluatedAt, k.evaluatedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(controlId, evaluatedAt);
        }
    }
}
