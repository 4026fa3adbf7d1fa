package dev.vigil.common.store;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens the evidence store a service is configured with ({@code vigil.evidence-store.*}, the same keys in
 * collector-service and report-service): {@code kind=folder} (the default: {@code path}) or {@code kind=s3}
 * ({@code s3.bucket}, {@code s3.prefix}, {@code s3.region}, {@code s3.endpoint-override} and {@code s3.path-style}
 * for an S3-compatible server, {@code s3.server-side-encryption}, {@code s3.kms-key-id}). S3 credentials come from
 * the AWS SDK's default chain (environment, profile, the instance's or pod's role), never from Vigil's configuration.
 */
public final class EvidenceStores {
    /** What {@code vigil.evidence-store.*} says. */
    public record Settings(String kind, String path, Optional<String> bucket, String prefix, String region,
                           Optional<String> endpointOverride, boolean pathStyle, String serverSideEncryption,
                           Optional<String> kmsKeyId) {
        static final String PREFIX = "vigil.evidence-store.";

        /**
         * From a service's configuration ({@code name -> config.getOptionalValue(name, String.class)}), so both
         * services read the same keys with the same defaults: a folder {@code ../.vigil/data/evidence}; in S3, no
         * prefix, {@code us-east-1}, virtual-hosted addressing, {@code AES256}.
         */
        public static Settings from(Function<String, Optional<String>> property) {
            return new Settings(property.apply(PREFIX + "kind").orElse("folder"),
                    property.apply(PREFIX + "path").orElse("../.vigil/data/evidence"),
                    property.apply(PREFIX + "s3.bucket"),
                    property.apply(PREFIX + "s3.prefix").orElse(""),
                    property.apply(PREFIX + "s3.region").orElse("us-east-1"),
                    property.apply(PREFIX + "s3.endpoint-override"),
                    Boolean.parseBoolean(property.apply(PREFIX + "s3.path-style").orElse("false")),
                    property.apply(PREFIX + "s3.server-side-encryption").orElse("AES256"),
                    property.apply(PREFIX + "s3.kms-key-id"));
        }
    }

    private EvidenceStores() {
    }

    public static EvidenceStore open(Settings settings) {
        return switch (settings.kind().toLowerCase(Locale.ROOT)) {
            case "folder" -> EvidenceStore.folder(Path.of(settings.path()).toAbsolutePath().normalize());
            case "s3" -> new S3EvidenceStore(client(settings), settings.bucket().orElse(null), settings.prefix(),
                    encryption(settings));
            default -> throw new IllegalArgumentException("vigil.evidence-store.kind is '" + settings.kind()
                    + "'; known: folder, s3");
        };
    }

    static S3EvidenceStore.Encryption encryption(Settings settings) {
        String sse = settings.serverSideEncryption().trim();
        if (sse.isEmpty() || sse.equalsIgnoreCase("none")) {
            return S3EvidenceStore.Encryption.none();
        }
        ServerSideEncryption algorithm = ServerSideEncryption.fromValue(sse);
        if (algorithm == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("vigil.evidence-store.s3.server-side-encryption is '" + sse
                    + "'; known: AES256, aws:kms, aws:kms:dsse, none");
        }
        return new S3EvidenceStore.Encryption(algorithm, settings.kmsKeyId().orElse(null));
    }

    private static S3Client client(Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 requires them: S3-compatible servers often refuse the SDK's default trailing
                // checksums, and every blob is checked against its sha256 name when read anyway
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)));
        settings.endpointOverride().filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
