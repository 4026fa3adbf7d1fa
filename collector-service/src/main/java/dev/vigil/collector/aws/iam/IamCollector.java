package dev.vigil.collector.aws.iam;

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
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * IAM of one AWS account (a global service): users' credentials, the root user, password policy, administrators.
 * Targeted reads (provider events): one user.
 */
@Singleton
public class IamCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-iam";
    /** Target kind: one IAM user ({@code <account id>/<user name>}). */
    public static final String TARGET_USER = "user";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws",
            List.of(IamScan.USER, IamScan.ROOT, IamScan.PASSWORD_POLICY, IamScan.ADMIN),
            Permission.aws(IamScan.PERMISSION_GENERATE, IamScan.PERMISSION_REPORT, IamScan.PERMISSION_POLICY,
                    IamScan.PERMISSION_ENTITIES, IamScan.PERMISSION_TAGS, IamScan.PERMISSION_USER,
                    IamScan.PERMISSION_LOGIN_PROFILE, IamScan.PERMISSION_MFA, IamScan.PERMISSION_KEYS,
                    IamScan.PERMISSION_KEY_LAST_USED));

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

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_USER);
    }

    /** A user ({@code <account id>/<user name>}): that user's item, with the facts a full run gives it. */
    @Override
    public void collect(CollectionContext context, Target target) {
        int slash = target.name().indexOf('/');
        String accountId = target.name().substring(0, Math.max(0, slash));
        String user = target.name().substring(slash + 1);
        try (AwsClients.Session session = clients.session(context, List.of(IamScan.USER))) {
            reader(session, context, accountId, IamScan.USER, "iam").ifPresent(reader -> {
                try (IamClient iam = clients.client(IamClient.builder(), config, Region.AWS_GLOBAL, context, reader)) {
                    new IamScan(iam, reader.accountId(), Region.AWS_GLOBAL.id(), Duration.ofSeconds(2), emailTag)
                            .user(context, user);
                }
            });
        }
    }
}
