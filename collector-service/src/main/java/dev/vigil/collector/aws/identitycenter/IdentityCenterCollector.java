package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.spi.TargetedCollector;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

import java.util.List;
import java.util.Set;

/**
 * IAM Identity Center of the organisation: who can reach which AWS account, and as whom, so that the identity join
 * finds leavers who keep AWS access through it. Identity Center is managed from one account (the management account
 * or a delegated administrator) in one region: read with the own account's credentials, in
 * {@code vigil.collectors.aws-identity-center.region} (default {@code vigil.aws.region}). An account without an
 * instance has no users: the run is complete with none. Targeted reads (provider events): the instance again, whole.
 */
@Singleton
public class IdentityCenterCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-identity-center";
    /** Target kind: the Identity Center read ({@code <account id>/<region>}: the own account, its region). */
    public static final String TARGET_INSTANCE = "instance";
    private static final Logger LOG = Logger.getLogger(IdentityCenterCollector.class);
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws", List.of(IdentityCenterScan.USER),
            Permission.aws(IdentityCenterScan.PERMISSION_INSTANCES, IdentityCenterScan.PERMISSION_USERS,
                    IdentityCenterScan.PERMISSION_GROUPS, IdentityCenterScan.PERMISSION_MEMBERSHIPS,
                    IdentityCenterScan.PERMISSION_ASSIGNMENTS, IdentityCenterScan.PERMISSION_PERMISSION_SET));

    private final String region;

    public IdentityCenterCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsIdentityCenter());
        this.region = config.collectors().awsIdentityCenter().region().filter(r -> !r.isBlank())
                .orElse(clients.homeRegion());
    }

    @Override
    public void collect(CollectionContext context) {
        AwsClients.Reader own = clients.ownAccount();
        Region home = Region.of(region);
        try (SsoAdminClient ssoAdmin = clients.client(SsoAdminClient.builder(), config, home, context, own);
             IdentitystoreClient identityStore = clients.client(IdentitystoreClient.builder(), config, home, context,
                     own)) {
            new IdentityCenterScan(ssoAdmin, identityStore, own.accountId(), region).run(context);
        }
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_INSTANCE);
    }

    /**
     * The instance ({@code <account id>/<region>}): read whole, as a full run reads it. One change (a membership,
     * an assignment to a group) moves the access of many users, and the organisation has one instance, so reading
     * it again is simpler than following each change to its users. A call in another account or region is about an
     * Identity Center this collector does not read: nothing to read.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        String read = clients.ownAccount().accountId() + "/" + region;
        if (!read.equals(target.name())) {
            LOG.infof("%s reads IAM Identity Center in %s only: nothing to read for %s", NAME, read, target.name());
            return;
        }
        collect(context);
    }
}
