package dev.vigil.collector.aws.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EventBridge events of CloudTrail's Elastic Load Balancing calls
 * (src/test/resources/LoadBalancerCloudTrailTargetsTest/) to the load balancer read.
 */
class LoadBalancerCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateListener.json, 111122223333/eu-west-1/shop-alb",
            // named by the listener's ARN, which holds its load balancer's name
            "ModifyListener.json, 444455556666/us-east-1/api-nlb",
    })
    void eachListenerEventReadsItsLoadBalancerInItsRegion(String fixture, String loadBalancer) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-load-balancers", "load-balancer", loadBalancer));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new LoadBalancerCloudTrailTargets(), getClass(),
                LoadBalancersCollector.NAME);
    }

    @Test
    void deletionsAreIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteListener.json", "cannot retire a listener");
        CloudTrailFixtures.ignored(getClass(), "DeleteLoadBalancer.json", "cannot retire a listener");
    }

    @Test
    void aNewLoadBalancerHasNoListenerYetAndReadsNothing() throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), "CreateLoadBalancer.json").targets()).isEmpty();
    }

    @Test
    void aCreateListenerWithoutItsRequestIsReadFromTheAnswer() throws Exception {
        JsonNode event = CloudTrailFixtures.event(getClass(), "CreateListener.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).remove("loadBalancerArn");
        assertThat(CloudTrailFixtures.map(event).targets()).extracting(Target::name)
                .containsExactly("111122223333/eu-west-1/shop-alb");
    }

    @Test
    void anArnThatIsNoLoadBalancersIsMalformed() {
        JsonNode event = CloudTrailFixtures.event(getClass(), "ModifyListener.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).put("listenerArn", "arn:aws:s3:::../x");
        ((ObjectNode) event.path("detail")).remove("responseElements");
        assertThatThrownBy(() -> CloudTrailFixtures.map(event)).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("names no load balancer");
    }

    @Test
    void theNameIsReadFromALoadBalancersOrAListenersArn() {
        assertThat(LoadBalancerCloudTrailTargets.loadBalancerName(
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/inspect-gwlb/3c3c3c3c3c3c3c3c"))
                .hasValue("inspect-gwlb");
        assertThat(LoadBalancerCloudTrailTargets.loadBalancerName(
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b3c4d5e6f7a8b/5c5c5c5c5c5c5c5c"))
                .hasValue("shop-alb");
        assertThat(LoadBalancerCloudTrailTargets.loadBalancerName(
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web/6d6d6d6d6d6d6d6d")).isEmpty();
    }
}
