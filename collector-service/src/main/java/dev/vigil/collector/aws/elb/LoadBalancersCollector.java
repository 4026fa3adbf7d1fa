package dev.vigil.collector.aws.elb;

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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Load balancer listeners (protocol, TLS policy) and ACM certificates (expiry) in each region. Targeted reads
 * (provider events): one load balancer's listeners, or one region's certificates.
 */
@Singleton
public class LoadBalancersCollector extends AwsCollector implements TargetedCollector {
    public static final String NAME = "aws-load-balancers";
    /** Target kind: one load balancer's listeners ({@code <account id>/<region>/<load balancer name>}). */
    public static final String TARGET_LOAD_BALANCER = "load-balancer";
    /** Target kind: the ACM certificates of one region ({@code <account id>/<region>}). */
    public static final String TARGET_CERTIFICATES = "certificates";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.1.0", "aws",
            List.of(LoadBalancerScan.LISTENER, CertificateScan.CERTIFICATE),
            Permission.aws(AwsRegions.PERMISSION, LoadBalancerScan.PERMISSION_LOAD_BALANCERS,
                    LoadBalancerScan.PERMISSION_LISTENERS, LoadBalancerScan.PERMISSION_POLICIES,
                    CertificateScan.PERMISSION_LIST));

    private final Clock clock = Clock.systemUTC();

    public LoadBalancersCollector(AwsClients clients, VigilConfig config) {
        super(INFO, clients, config.collectors().awsLoadBalancers());
    }

    @Override
    public void collect(CollectionContext context) {
        try (AwsClients.Session session = clients.session(context, info().resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                for (String region : clients.regions(config, context, info().resourceTypes(), reader)
                        .orElse(List.of())) {
                    try (ElasticLoadBalancingV2Client elb = clients.client(ElasticLoadBalancingV2Client.builder(),
                            config, Region.of(region), context, reader);
                         AcmClient acm = clients.client(AcmClient.builder(), config, Region.of(region), context,
                                 reader)) {
                        new LoadBalancerScan(elb, reader.accountId(), region).run(context);
                        new CertificateScan(acm, reader.accountId(), region, clock.instant()).run(context);
                    }
                }
            }
        }
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(TARGET_LOAD_BALANCER, TARGET_CERTIFICATES);
    }

    /**
     * A load balancer ({@code <account id>/<region>/<name>}): its listeners' items, as a full run reads them in its
     * region. Certificates ({@code <account id>/<region>}): the region's, from ListCertificates as a full run reads
     * them; its summaries carry every fact, and one certificate alone would need acm:DescribeCertificate, a
     * permission a full run does not.
     */
    @Override
    public void collect(CollectionContext context, Target target) {
        String[] parts = target.name().split("/", 3);
        if (TARGET_LOAD_BALANCER.equals(target.kind()) && parts.length == 3) {
            inRegion(context, parts[0], parts[1], LoadBalancerScan.LISTENER, "elbv2",
                    ElasticLoadBalancingV2Client::builder,
                    (elb, account) -> new LoadBalancerScan(elb, account, parts[1]).loadBalancer(context, parts[2]));
        } else if (TARGET_CERTIFICATES.equals(target.kind()) && parts.length == 2) {
            inRegion(context, parts[0], parts[1], CertificateScan.CERTIFICATE, "acm", AcmClient::builder,
                    (acm, account) -> new CertificateScan(acm, account, parts[1], clock.instant()).run(context));
        } else {
            throw new IllegalArgumentException("not a load balancer (<account id>/<region>/<name>) or certificates "
                    + "(<account id>/<region>): " + target);
        }
    }
}
