package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Recorded ELBv2 query-protocol responses, unmarshalled by the real SDK, to one item per listener. */
class LoadBalancerScanTest {
    private static final String PREFIX = "aws:111122223333:elbv2:eu-west-1:listener/";
    private static final String A = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:";
    private static final String CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/0a000000-0000-4000-8000-00000000000a";

    @TempDir
    Path store;

    private FixtureHttpClient everything() {
        return new FixtureHttpClient(getClass())
                .answer("DescribeLoadBalancers@eu-west-1", 200, "load-balancers.xml")
                // api-nlb first: load balancers are read by name
                .answer("DescribeListeners@eu-west-1", 200, "listeners-api.xml")
                .answer("DescribeListeners@eu-west-1", 200, "listeners-shop.xml")
                .answer("DescribeSSLPolicies@eu-west-1", 200, "policy-2016-08.xml")
                .answer("DescribeSSLPolicies@eu-west-1", 200, "policy-tls13.xml");
    }

    @Test
    void everyListenerWithItsProtocolPolicyAndRedirect() {
        FixtureHttpClient http = everything();
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey()).containsOnlyKeys(PREFIX + "api-nlb/8443", PREFIX + "api-nlb/9000",
                PREFIX + "shop-alb/443", PREFIX + "shop-alb/80");
        RecordingContext.Item tls = context.byKey().get(PREFIX + "api-nlb/8443");
        assertThat(tls.resourceType()).isEqualTo("aws.elb.listener");
        assertThat(tls.facts()).isEqualTo(Facts.of("loadBalancerName", "api-nlb",
                "loadBalancerArn", A + "loadbalancer/net/api-nlb/2b3c4d5e6f7a8b9c", "loadBalancerType", "network",
                "scheme", "internet-facing", "region", "eu-west-1",
                "listenerArn", A + "listener/net/api-nlb/2b3c4d5e6f7a8b9c/8b8b8b8b8b8b8b8b", "port", 8443,
                "protocol", "TLS", "sslPolicy", "ELBSecurityPolicy-2016-08",
                "sslProtocols", List.of("TLSv1", "TLSv1.1", "TLSv1.2"), "certificateArns", List.of(CERT),
                "redirectsToHttps", false));
        assertThat(tls.provenance().operation()).isEqualTo("elasticloadbalancing:DescribeListeners");
        assertThat(tls.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "listeners-api.xml"))));
        // the load balancer's type and scheme, and the policy's protocols, each cite the answer they come from
        assertThat(tls.provenance().supporting()).extracting(c -> c.operation(), c -> c.parameters(),
                c -> c.responseSha256()).containsExactly(
                tuple("elasticloadbalancing:DescribeLoadBalancers", Map.of("Region", "eu-west-1"),
                        sha("load-balancers.xml")),
                tuple("elasticloadbalancing:DescribeSSLPolicies",
                        Map.of("Region", "eu-west-1", "Names", "ELBSecurityPolicy-2016-08"),
                        sha("policy-2016-08.xml")));
        // a second policy's answer replaces the first under the same key: each listener still cites its own
        assertThat(context.byKey().get(PREFIX + "shop-alb/443").provenance().supporting())
                .extracting(c -> c.operation(), c -> c.responseSha256()).containsExactly(
                        tuple("elasticloadbalancing:DescribeLoadBalancers", sha("load-balancers.xml")),
                        tuple("elasticloadbalancing:DescribeSSLPolicies", sha("policy-tls13.xml")));
        // no TLS policy, nothing to cite but the listing
        assertThat(context.byKey().get(PREFIX + "api-nlb/9000").provenance().supporting())
                .extracting(c -> c.operation()).containsExactly("elasticloadbalancing:DescribeLoadBalancers");
        assertThat(context.byKey().get(PREFIX + "api-nlb/9000").facts()).containsEntry("protocol", "TCP")
                .containsEntry("sslPolicy", null).containsEntry("sslProtocols", null)
                .containsEntry("certificateArns", List.of());
        assertThat(context.byKey().get(PREFIX + "shop-alb/443").facts())
                .containsEntry("sslProtocols", List.of("TLSv1.2", "TLSv1.3")).containsEntry("redirectsToHttps", false);
        assertThat(context.byKey().get(PREFIX + "shop-alb/80").facts()).containsEntry("protocol", "HTTP")
                .containsEntry("redirectsToHttps", true);
        // each policy is asked once
        assertThat(http.requested).filteredOn(r -> r.startsWith("DescribeSSLPolicies")).hasSize(2);
    }

    @Test
    void aRegionWithoutLoadBalancersPublishesNothing() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeLoadBalancers@eu-west-1", 200, "load-balancers-none.xml"));

        assertThat(context.failures).isEmpty();
        assertThat(context.evidence).isEmpty();
    }

    @Test
    void deniedListenersOrPoliciesAreFailuresNamingTheActionAndTheRestGoesOn() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("DescribeLoadBalancers@eu-west-1", 200, "load-balancers.xml")
                .answer("DescribeListeners@eu-west-1", 403, "error-listeners-denied.xml")
                .answer("DescribeListeners@eu-west-1", 200, "listeners-shop.xml")
                .answer("DescribeSSLPolicies@eu-west-1", 403, "error-policies-denied.xml"));

        // shop-alb's HTTPS listener needs its policy; its redirecting HTTP listener does not
        assertThat(context.byKey()).containsOnlyKeys(PREFIX + "shop-alb/80");
        assertThat(context.failures).extracting(f -> f.resourceKey() + " " + f.missingPermission() + " " + f.reason())
                .containsExactly(
                        "aws:111122223333:elbv2:eu-west-1:loadbalancer/api-nlb elasticloadbalancing:DescribeListeners"
                                + " cannot list the listeners of load balancer api-nlb in eu-west-1: HTTP 403 AccessDenied",
                        PREFIX + "shop-alb/443 elasticloadbalancing:DescribeSSLPolicies cannot read TLS policy "
                                + "ELBSecurityPolicy-TLS13-1-2-2021-06 in eu-west-1: HTTP 403 AccessDenied");
    }

    private String sha(String fixture) {
        return Hashing.sha256Hex(Redactor.redactBody(Fixtures.bytes(getClass(), fixture)));
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(LoadBalancersCollector.class),
                "eu-west-1", this::everything, this::scan);
        assertThat(kept.kinds).containsExactly("load balancers", "listeners", "TLS policies", "listeners",
                "TLS policies");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(LoadBalancersCollector.class), "eu-west-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("DescribeLoadBalancers@eu-west-1", 200, "load-balancers.xml")
                        .answer("DescribeListeners@eu-west-1", 403, "error-listeners-denied.xml")
                        .answer("DescribeListeners@eu-west-1", 200, "listeners-shop.xml")
                        .answer("DescribeSSLPolicies@eu-west-1", 403, "error-policies-denied.xml"), this::scan);
    }

    @Test
    void aLoadBalancerTargetReadsItsListenersAloneWithTheFactsOfAFullRun() {
        RecordingContext full = scan(everything());
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("DescribeLoadBalancers@eu-west-1", 200, "load-balancers.xml")
                .answer("DescribeListeners@eu-west-1", 200, "listeners-api.xml")
                .answer("DescribeSSLPolicies@eu-west-1", 200, "policy-2016-08.xml");
        RecordingContext targeted = loadBalancer(http, "api-nlb");

        assertThat(targeted.failures).isEmpty();
        // only the load balancer asked for, though the answer lists both
        assertThat(targeted.byKey()).containsOnlyKeys(PREFIX + "api-nlb/8443", PREFIX + "api-nlb/9000");
        for (String key : targeted.byKey().keySet()) {
            assertThat(targeted.byKey().get(key).facts()).isEqualTo(full.byKey().get(key).facts());
        }
        assertThat(targeted.byKey().get(PREFIX + "api-nlb/8443").provenance().supporting())
                .extracting(c -> c.operation(), c -> c.parameters()).containsExactly(
                        tuple("elasticloadbalancing:DescribeLoadBalancers",
                                Map.of("Region", "eu-west-1", "Names", "api-nlb")),
                        tuple("elasticloadbalancing:DescribeSSLPolicies",
                                Map.of("Region", "eu-west-1", "Names", "ELBSecurityPolicy-2016-08")));
        assertThat(http.requested).containsExactly("DescribeLoadBalancers@eu-west-1", "DescribeListeners@eu-west-1",
                "DescribeSSLPolicies@eu-west-1");
    }

    @Test
    void aLoadBalancerElbNoLongerKnowsPublishesNothingAndIsNoFailure() {
        RecordingContext targeted = loadBalancer(new FixtureHttpClient(getClass())
                .answer("DescribeLoadBalancers@eu-west-1", 400, "error-load-balancer-not-found.xml"), "old-alb");
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).isEmpty();
    }

    @Test
    void aLoadBalancerTargetWhoseListenersAreDeniedIsAFailureNamingIt() {
        RecordingContext targeted = loadBalancer(new FixtureHttpClient(getClass())
                .answer("DescribeLoadBalancers@eu-west-1", 200, "load-balancers.xml")
                .answer("DescribeListeners@eu-west-1", 403, "error-listeners-denied.xml"), "api-nlb");
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("aws:111122223333:elbv2:eu-west-1:loadbalancer/api-nlb");
            assertThat(f.missingPermission()).isEqualTo("elasticloadbalancing:DescribeListeners");
        });
    }

    private RecordingContext loadBalancer(FixtureHttpClient http, String name) {
        RecordingContext context = new RecordingContext(store);
        try (ElasticLoadBalancingV2Client elb = AwsFixtureClients.client(ElasticLoadBalancingV2Client.builder(), http,
                Region.EU_WEST_1, context, null)) {
            new LoadBalancerScan(elb, "111122223333", "eu-west-1").loadBalancer(context, name);
        }
        return context;
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (ElasticLoadBalancingV2Client elb = AwsFixtureClients.client(ElasticLoadBalancingV2Client.builder(), http,
                Region.EU_WEST_1, context, kept)) {
            new LoadBalancerScan(elb, "111122223333", "eu-west-1").run(context);
        }
        return context;
    }
}
