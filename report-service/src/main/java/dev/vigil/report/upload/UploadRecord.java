package dev.vigil.report.upload;

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

/**
 * One accepted upload (table report.evidence_upload, migration V3). The evidence event on Kafka is the record of
 * truth; this table lets people list what was uploaded and serve the file with its name and type.
 */
@Entity
@Table(name = "evidence_upload")
public class UploadRecord extends PanacheEntityBase {

    /** The evidence event's runId: one fresh id per upload. */
    @Id
    @Column(name = "upload_id")
    public UUID uploadId;

    @Column(name = "evidence_id", nullable = false)
    public String evidenceId;

    @Column(name = "resource_key", nullable = false)
    public String resourceKey;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "control_id", nullable = false)
    public String controlId;

    @Column(name = "document_type", nullable = false)
    public String documentType;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(nullable = false)
    public String approver;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    static List<UploadRecord> newestFirst(String controlId) {
        Sort sort = Sort.descending("uploadedAt").and("uploadId");
        return controlId == null ? findAll(sort).list() : find("controlId", sort, controlId).list();
    }

    /** The latest upload of these bytes: its name and media type are what the file is served with. */
    static Optional<UploadRecord> latestWithSha256(String sha256) {
        return find("sha256", Sort.descending("uploadedAt"), sha256).<UploadRecord>firstResultOptional();
    }
}
