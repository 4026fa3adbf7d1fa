package dev.vigil.collector.aws.s3;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Default encryption, public access block, versioning and bucket policy of every S3 bucket, and each account's own
 * public access block, in every account read ({@code vigil.aws.*}). S3 is not regional to list: each account is
 * asked once, from its home region. Targeted reads (provider events): one bucket, or one account's S3.
 */
@Singleton
public class S3Collector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-s3";
    /**
     * Target kinds: one bucket ({@code <account id>/<region>/<bucket>}, the region the event was recorded in), one
     * account's S3 ({@code <account id>}).
     */
    public static final String TARGET_BUCKET = "bucket";
    public static final String TARGET_ACCOUNT = "account";
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
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                scan(context, reader, scan -> scan.run(context));
            }
        }
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_BUCKET, TARGET_ACCOUNT);
    }

    /** CloudTrail logs every S3 call that changes what it publishes, and the rule forwards each of them. */
    @Override
    public boolean eventsAnnounceEveryChange() {
        return true;
    }

    /**
     * A bucket ({@code <account id>/<region>/<bucket>}): that bucket's item, as a full run reads it. An account
     * ({@code <account id>}): its own block and every bucket's item, since S3 copies the account's block into each
     * bucket's facts, which would otherwise contradict the account's item until the next full run.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.kind().equals(TARGET_BUCKET) ? target.name().split("/", 3)
                : new String[] {target.name()};
        if (target.kind().equals(TARGET_BUCKET) && parts.length != 3) {
            throw new IllegalArgumentException("not <account id>/<region>/<bucket>: " + target.name());
        }
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            reader(session, context, parts[0], S3Scan.ACCOUNT, "s3").ifPresent(reader -> {
                if (target.kind().equals(TARGET_BUCKET)) {
                    scan(context, reader, scan -> scan.bucket(context, parts[2], parts[1]));
                } else {
                    scan(context, reader, scan -> scan.run(context));
                }
            });
        }
    }

    /** S3 and S3 Control clients of one account's home region, for one scan. */
    private void scan(CollectionContext context, AwsClients.Reader reader, Consumer<S3Scan> work) {
        Region home = Region.of(clients.homeRegion());
        boolean overridden = clients.endpointOverride(config).isPresent();
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
            work.accept(new S3Scan(s3Client, controlClient, reader.accountId(), home.id(), s3Config.concurrency()));
        }
    }
}
