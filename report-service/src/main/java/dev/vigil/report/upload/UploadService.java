package dev.vigil.report.upload;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.store.EvidenceStore;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts a manual document: validate, store the bytes by their sha256, record the upload and publish its
 * evidence. The row is written and flushed first and the transaction commits only after the broker acknowledged
 * the event, so a refused publication leaves no row behind; the stored file stays, which is harmless (the store
 * is content-addressed and a retry finds it there).
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);

    private final UploadValidator validator;
    private final EvidenceStore store;
    private final EvidencePublisher publisher;
    private final Clock clock;
    private final String version;

    public UploadService(Catalogue catalogue, EvidenceStore store, EvidencePublisher publisher, Clock clock,
                         @ConfigProperty(name = "vigil.report.uploads.max-size", defaultValue = "25M") MemorySize maxSize,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.validator = new UploadValidator(catalogue, clock, maxSize.asLongValue());
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.version = version;
    }

    /** Throws {@link InvalidUploadException} before anything is stored when the form is not acceptable. */
    public ValidUpload validate(UploadForm form) {
        return validator.validate(form);
    }

    @Transactional
    public UploadRecord accept(ValidUpload upload, byte[] bytes) {
        String sha256 = store.put(bytes);
        UUID runId = UUID.randomUUID();
        EvidenceEvent event = ManualDocumentEvidence.event(upload, sha256, runId.toString(), clock.instant(), version);
        UploadRecord row = record(upload, event, runId, sha256);
        row.persistAndFlush();
        publisher.publish(event);
        LOG.infof("accepted %s for %s (%s, effective %s), evidence %s", upload.documentType(), upload.controlId(),
                sha256, upload.effectiveDate(), event.id());
        return row;
    }

    @Transactional
    public List<UploadRecord> list(String controlId) {
        return UploadRecord.newestFirst(controlId);
    }

    /** The recorded upload of these bytes and the bytes themselves; empty when either is missing. */
    @Transactional
    public Optional<StoredFile> file(String sha256) {
        return UploadRecord.latestWithSha256(sha256)
                .flatMap(row -> store.get(sha256).map(bytes -> new StoredFile(row.fileName, row.mediaType, bytes)));
    }

    public record StoredFile(String fileName, String mediaType, byte[] bytes) {
    }

    private static UploadRecord record(ValidUpload upload, EvidenceEvent event, UUID runId, String sha256) {
        UploadRecord row = new UploadRecord();
        row.uploadId = runId;
        row.evidenceId = event.id();
        row.resourceKey = event.resourceKey();
        row.sha256 = sha256;
        row.controlId = upload.controlId();
        row.documentType = upload.documentType();
        row.effectiveDate = upload.effectiveDate();
        row.approver = upload.approver();
        row.uploadedBy = upload.uploadedBy();
        row.fileName = upload.fileName();
        row.mediaType = upload.mediaType();
        row.sizeBytes = upload.sizeBytes();
        row.uploadedAt = event.observedAt();
        return row;
    }
}
