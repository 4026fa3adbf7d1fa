package dev.vigil.collector.aws.ec2;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;

/** EC2 of one AWS account, region by region: EBS encryption by default, volumes, security groups. */
@Singleton
public class Ec2Collector extends AwsCollector {
    public static final String NAME = "aws-ec2";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws",
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
}
