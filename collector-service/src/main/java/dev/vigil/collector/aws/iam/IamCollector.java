package dev.vigil.collector.aws.iam;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.List;

/** IAM of one AWS account (a global service): users' credentials, the root user, password policy, administrators. */
@Singleton
public class IamCollector extends AwsCollector {
    public static final String NAME = "aws-iam";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws",
            List.of(IamScan.USER, IamScan.ROOT, IamScan.PASSWORD_POLICY, IamScan.ADMIN),
            Permission.aws(IamScan.PERMISSION_GENERATE, IamScan.PERMISSION_REPORT, IamScan.PERMISSION_POLICY,
                    IamScan.PERMISSION_ENTITIES, IamScan.PERMISSION_TAGS));

    private final String emailTag;

    public IamCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsIam());
        this.emailTag = config.collectors().awsIam().emailTag().map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
    }

    @Override
    public void collect(CollectionContext context) throws InterruptedException {
        Region global = Region.AWS_GLOBAL;
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                try (IamClient iam = clients.client(IamClient.builder(), config, global, context, reader)) {
                    new IamScan(iam, reader.accountId(), global.id(), Duration.ofSeconds(2), emailTag).run(context);
                }
            }
        }
    }
}
