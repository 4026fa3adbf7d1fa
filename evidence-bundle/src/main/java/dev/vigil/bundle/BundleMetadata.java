package dev.vigil.bundle;

import java.time.Instant;
import java.util.Objects;

/**
 * What a bundle is about, written into its manifest.
 *
 * @param generatorName    what wrote the bundle, e.g. {@code vigil-report-service}
 * @param generatorVersion its version
 * @param catalogueVersion the control catalogue version the statuses were judged against
 * @param periodFrom       start of the observation period (inclusive)
 * @param periodTo         end of the observation period (exclusive)
 * @param createdAt        when the bundle was written; also the modification time of every ZIP entry
 */
public record BundleMetadata(String generatorName, String generatorVersion, String catalogueVersion,
                             Instant periodFrom, Instant periodTo, Instant createdAt) {
    public BundleMetadata {
        requireText("generatorName", generatorName);
        requireText("generatorVersion", generatorVersion);
        requireText("catalogueVersion", catalogueVersion);
        Objects.requireNonNull(periodFrom, "periodFrom");
        Objects.requireNonNull(periodTo, "periodTo");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!periodFrom.isBefore(periodTo)) {
            throw new IllegalArgumentException("period must end after it starts: " + periodFrom + " .. " + periodTo);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
