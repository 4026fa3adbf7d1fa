package dev.vigil.collector.aws.kms;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.List;
import java.util.Set;

/**
 * Whether the enabled, symmetric, customer-managed KMS keys of each region rotate automatically. Targeted reads
 * (provider events): one key, in its region.
 */
@Singleton
public class KmsCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-kms";
    /** Target kind: one key ({@code <account id>/<region>/<key id>}). */
    public static final String TARGET_KEY = "key";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws", List.of(KmsScan.KEY),
            Permission.aws(AwsRegions.PERMISSION, KmsScan.PERMISSION_LIST, KmsScan.PERMISSION_DESCRIBE,
                    KmsScan.PERMISSION_ROTATION));

    public KmsCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsKms());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, KmsClient::builder, KmsScan::new);
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_KEY);
    }

    /** A key ({@code <account id>/<region>/<key id>}): that key's item, read in its region as a full run reads it. */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.name().split("/", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not <account id>/<region>/<key id>: " + target.name());
        }
        inRegion(context, parts[0], parts[1], KmsScan.KEY, "kms", KmsClient::builder,
                (kms, account) -> new KmsScan(kms, account, parts[1]).key(context, parts[2]));
    }
}
