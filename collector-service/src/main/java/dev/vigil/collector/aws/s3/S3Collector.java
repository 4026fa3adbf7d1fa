package dev.vigil.collector.aws.s3;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;

import java.util.List;

/**
 * Default encryption, public access block, versioning and bucket policy of every S3 bucket, and each account's own
 * public access block, in every account read ({@code vigil.aws.*}). S3 is not regional to list: each account is
 * asked once, from its home region.
 */
@Singleton
public class S3Collector extends AwsCollector {
    public static final String NAME = "aws-s3";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws",
            List.of(S3Scan.TYPE, S3Scan.ACCOUNT),
            Permission.aws(S3Scan.PERMISSION_LIST, S3Scan.PERMISSION_ENCRYPTION,
                    S3Scan.PERMISSION_PUBLIC_ACCESS_BLOCK, S3Scan.PERMISSION_VERSIONING,
                    S3Scan.PERMISSION_POLICY, S3Scan.PERMISSION_ACCOUNT_PUBLIC_ACCESS_BLOCK));

    private final VigilConfig.AwsS3 s3Config;

    public S3Collector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsS3());
        this.s3Config = config.collectors().awsS3();
    }

    @Override
    public void collect(CollectionContext context) {
        Region home = Region.of(clients.homeRegion());
        boolean overridden = clients.endpointOverride(config).isPresent();
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                S3ClientBuilder s3 = S3Client.builder().forcePathStyle(s3Config.forcePathStyle())
                        // AWS's own endpoint answers 301 for a bucket of another region unless the client follows it.
                        .crossRegionAccessEnabled(!overridden);
                S3ControlClientBuilder control = S3ControlClient.builder();
                if (overridden) {
                    control.endpointProvider(S3ControlEndpoint.withoutAccountHost());
                }
                try (S3Client s3Client = clients.client(s3, config, home, S3Scan.S3_SCOPE, context, reader);
                     S3ControlClient controlClient = clients.client(control, config, home, S3Scan.CONTROL_SCOPE,
                             context, reader)) {
                    new S3Scan(s3Client, controlClient, reader.accountId(), home.id(), s3Config.concurrency())
                            .run(context);
                }
            }
        }
    }
}
