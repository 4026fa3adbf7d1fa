package dev.vigil.collector.aws.ec2;

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
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;
import java.util.Set;

/**
 * EC2 of one AWS account, region by region: EBS encryption by default, volumes, security groups. Targeted reads
 * (provider events): one security group, in its region.
 */
@Singleton
public class Ec2Collector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-ec2";
    /** Target kind: one security group ({@code <account id>/<region>/<group id>}). */
    public static final String TARGET_SECURITY_GROUP = "security-group";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws",
            List.of(Ec2Scan.EBS_DEFAULT, Ec2Scan.VOLUME, Ec2Scan.SECURITY_GROUP),
            Permission.aws(AwsRegions.PERMISSION, Ec2Scan.PERMISSION_EBS_DEFAULT, Ec2Scan.PERMISSION_VOLUMES,
                    Ec2Scan.PERMISSION_GROUPS));

    public Ec2Collector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsEc2());
    }

    @Override
    public void collect(CollectionContext context) {
        eachRegion(context, Ec2Client::builder, Ec2Scan::new);
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_SECURITY_GROUP);
    }

    /** A security group ({@code <account id>/<region>/<group id>}): its item, as a full run reads it in its region. */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.name().split("/", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not <account id>/<region>/<group id>: " + target.name());
        }
        inRegion(context, parts[0], parts[1], Ec2Scan.SECURITY_GROUP, "ec2", Ec2Client::builder,
                (ec2, account) -> new Ec2Scan(ec2, account, parts[1]).securityGroup(context, parts[2]));
    }
}
