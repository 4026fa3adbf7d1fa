package dev.vigil.common.ledger;

import java.time.Instant;

/**
 * What is appended to the ledger: one evidence item (or manual upload) as it was observed, before it has a place
 * in the chain. {@link LedgerChain#append} turns entries into {@link LedgerRecord}s.
 *
 * @param evidenceId   the evidence id ({@code sha256:...}) or, for an upload, its sha256
 * @param source       the event source, e.g. {@code vigil://aws/111122223333}
 * @param resourceType e.g. {@code aws.s3.bucket}
 * @param resourceKey  e.g. {@code aws:111122223333:s3:acme-backups}
 * @param observedAt   when it was observed; kept at microsecond precision
 */
public record LedgerEntry(String evidenceId, String source, String resourceType, String resourceKey,
                          Instant observedAt) {
}
