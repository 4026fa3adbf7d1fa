package dev.vigil.report.generated;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One generated document (table report.generated_document, migration V15). */
@Entity
@Table(name = "generated_document")
public class GeneratedRecord extends PanacheEntityBase {
    @Id
    @Column(name = "generation_id")
    public UUID generationId;
    @Column(nullable = false)
    public String generator;
    @Column(name = "control_id", nullable = false)
    public String controlId;
    @Column(name = "document_type", nullable = false)
    public String documentType;
    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;
    @Column(name = "content_sha256", nullable = false)
    public String contentSha256;
    @Column(nullable = false)
    public String sha256;
    @Column(name = "evidence_id", nullable = false)
    public String evidenceId;
    @Column(name = "resource_key", nullable = false)
    public String resourceKey;
    @Column(name = "entry_count", nullable = false)
    public int entryCount;
    @Column(name = "source_count", nullable = false)
    public int sourceCount;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "generated_at", nullable = false)
    public Instant generatedAt;

    static List<GeneratedRecord> newestFirst(String controlId) {
        Sort sort = Sort.descending("generatedAt").and("generationId");
        return controlId == null ? findAll(sort).list() : find("controlId", sort, controlId).list();
    }

    static Optional<GeneratedRecord> latestOf(String generator) {
        return find("generator", Sort.descending("generatedAt"), generator).firstResultOptional();
    }

    static Optional<GeneratedRecord> latestWithSha256(String sha256) {
        return find("sha256", Sort.descending("generatedAt"), sha256).firstResultOptional();
    }
}
