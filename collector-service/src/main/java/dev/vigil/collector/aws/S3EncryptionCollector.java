package dev.vigil.collector.aws;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.RetryPolicy;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.common.evidence.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;

import java.net.URI;
import java.util.List;

/**
 * Default encryption, public access block, versioning and bucket policy of every S3 bucket in one AWS account, and
 * the account's own public access block.
 */
@ApplicationScoped
public class S3EncryptionCollector implements Collector {
    public static final String NAME = "aws-s3-encryption";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws", 
            List.of(S3EncryptionScan.TYPE, S3EncryptionScan.ACCOUNT),
            Permission.aws(S3EncryptionScan.PERMISSION_LIST, S3EncryptionScan.PERMISSION_ENCRYPTION,
                    S3EncryptionScan.PERMISSION_PUBLIC_ACCESS_BLOCK, S3EncryptionScan.PERMISSION_VERSIONING,
                    S3EncryptionScan.PERMISSION_POLICY, S3EncryptionScan.PERMISSION_ACCOUNT_PUBLIC_ACCESS_BLOCK));

    private final VigilConfig.Aws config;
    private final VigilConfig.Http httpConfig;
    private final RetryPolicy retry;

    public S3EncryptionCollector(VigilConfig config, ProviderHttp http) {
        this.config = config.collectors().aws();
        this.httpConfig = config.collection().http();
        this.retry = http.retryPolicy();
    }

    @Override
    public CollectorInfo info() {
        return INFO;
    }

    @Override
    public VigilConfig.Schedule schedule() {
        return config;
    }

    @Override
    public SourceRef source() {
        return new SourceRef("aws", config.accountId());
    }

    @Override
    public void collect(CollectionContext context) {
        try (S3Client s3 = client(context); S3ControlClient control = controlClient(context)) {
            new S3EncryptionScan(s3, control, config.accountId(), config.region()).run(context);
        }
    }

    private S3Client client(CollectionContext context) {
        S3ClientBuilder builder = AwsClients.configure(S3Client.builder(), httpConfig, retry,
                        AwsClients.credentials(config.accessKeyId(), config.secretAccessKey()),
                        Region.of(config.region()), new SdkCaptureInterceptor(context.raw()))
                .forcePathStyle(config.forcePathStyle());
        config.endpointOverride().filter(e -> !e.isBlank()).ifPresentOrElse(
                endpoint -> builder.endpointOverride(URI.create(endpoint)),
                // Buckets in other regions answer 301 unless the client follows them there.
                () -> builder.crossRegionAccessEnabled(true));
        return builder.build();
    }

    /** S3 Control (the account's public access block), at the same endpoint override as S3 when one is set. */
    private S3ControlClient controlClient(CollectionContext context) {
        S3ControlClientBuilder builder = AwsClients.configure(S3ControlClient.builder(), httpConfig, retry,
                AwsClients.credentials(config.accessKeyId(), config.secretAccessKey()), Region.of(config.region()),
                new SdkCaptureInterceptor(context.raw(), S3EncryptionScan.CONTROL_SCOPE));
        config.endpointOverride().filter(e -> !e.isBlank()).ifPresent(endpoint -> builder
                .endpointOverride(URI.create(endpoint))
                .endpointProvider(S3ControlEndpoint.withoutAccountHost()));
        return builder.build();
    }
}
