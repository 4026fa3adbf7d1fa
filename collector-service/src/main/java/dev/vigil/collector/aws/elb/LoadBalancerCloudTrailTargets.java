package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.elb.LoadBalancersCollector.NAME;
import static dev.vigil.collector.aws.elb.LoadBalancersCollector.TARGET_LOAD_BALANCER;

/**
 * Elastic Load Balancing calls {@code aws-load-balancers} reads a load balancer's listeners again for, in the call's
 * region: a listener created or modified (port, protocol, TLS policy, certificate, default action). The load
 * balancer is named by the ARN in {@code requestParameters.loadBalancerArn} (CreateListener) or
 * {@code requestParameters.listenerArn} (ModifyListener), else the first of {@code responseElements.listeners};
 * both ARNs hold its name. CreateLoadBalancer is not read again for: a new load balancer has no listener until
 * CreateListener. Listener certificates added beside the default one are no fact (DescribeListeners shows only
 * the default), nor are listener rules.
 */
public final class LoadBalancerCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateListener", "ModifyListener");
    /** A load balancer's or listener's ARN: {@code ...:loadbalancer/app/<name>/<id>}, {@code ...:listener/net/...}. */
    private static final Pattern ARN = Pattern.compile(
            "arn:[a-z-]+:elasticloadbalancing:[a-z0-9-]+:\\d{12}:(?:loadbalancer|listener)/(?:app|net|gwy)/"
                    + "([a-zA-Z0-9-]{1,32})/[0-9a-f]+(?:/[0-9a-f]+)?");

    @Override
    public String eventSource() {
        return "elasticloadbalancing.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        String gone = "a targeted read cannot retire a listener; the next full run no longer lists it";
        return Map.of("DeleteListener", gone, "DeleteLoadBalancer", gone);
    }

    @Override
    public List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed {
        String name = call.request("loadBalancerArn")
                .or(() -> call.request("listenerArn"))
                .or(() -> listed(call))
                .flatMap(LoadBalancerCloudTrailTargets::loadBalancerName)
                .orElseThrow(() -> call.malformed("load balancer"));
        return List.of(new Target(NAME, TARGET_LOAD_BALANCER, call.inRegion(name)));
    }

    private static Optional<String> listed(CloudTrailCall call) {
        var arn = call.detail().path("responseElements").path("listeners").path(0).path("loadBalancerArn");
        return arn.isTextual() ? Optional.of(arn.asText()) : Optional.empty();
    }

    /** The load balancer name a load balancer's or listener's ARN holds. */
    static Optional<String> loadBalancerName(String arn) {
        Matcher m = ARN.matcher(arn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
