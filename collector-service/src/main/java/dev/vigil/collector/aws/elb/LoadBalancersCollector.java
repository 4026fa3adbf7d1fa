package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.AwsClients;
import dev.vigil.collector.aws.AwsCollector;
import dev.vigil.collector.aws.AwsRegions;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.time.Clock;
import java.util.List;

/** Load balancer listeners (protocol, TLS policy) and ACM certificates (expiry) in each region. */
@Singleton
public class LoadBalancersCollector extends AwsCollector {
    public static final String NAME = "aws-load-balancers";
    static final CollectorInfo INFO = new CollectorInfo(NAME, "1.0.0", "aws",
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
}
