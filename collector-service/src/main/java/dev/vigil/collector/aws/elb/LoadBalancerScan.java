package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Application, Network and Gateway Load Balancers of one region (DescribeLoadBalancers), the listeners
 * of each (DescribeListeners) and the protocols their TLS policies allow (DescribeSSLPolicies, once per policy):
 * one {@code aws.elb.listener} per listener. Whether a protocol is "in transit encryption" and which TLS versions
 * are outdated is the rules' business; a listener whose default action only redirects to HTTPS says so.
 * A load balancer whose listeners cannot be read, or a listener whose policy cannot be read, is a failure naming
 * the action, and the others go on.
 */
final class LoadBalancerScan extends RegionalScan<ElasticLoadBalancingV2Client> {
    static final String LISTENER = "aws.elb.listener";
    static final String PERMISSION_LOAD_BALANCERS = "elasticloadbalancing:DescribeLoadBalancers";
    static final String PERMISSION_LISTENERS = "elasticloadbalancing:DescribeListeners";
    static final String PERMISSION_POLICIES = "elasticloadbalancing:DescribeSSLPolicies";
    static final String LOAD_BALANCER_NOT_FOUND = "LoadBalancerNotFound";
    private static final Logger LOG = Logger.getLogger(LoadBalancerScan.class);

    private final Map<String, Optional<Policy>> policies = new HashMap<>();

    /** The protocols a TLS policy allows and the DescribeSSLPolicies answer they were read from. */
    private record Policy(List<String> protocols, Provenance.Citation answer) {
    }

    /** {@code elb} is a client of {@code region}. */
    LoadBalancerScan(ElasticLoadBalancingV2Client elb, String accountId, String region) {
        super(elb, accountId, region);
    }

    @Override
    public void run(CollectionContext context) {
        // each load balancer's type and scheme come from the page that listed it; a page is kept under one key until
        // the next one is read, so it is cited page by page
        Map<String, Provenance.Citation> listedIn = new HashMap<>();
        Optional<List<LoadBalancer>> loadBalancers = AwsErrors.read(context, LISTENER, key("elbv2", null),
                "list load balancers in " + region, PERMISSION_LOAD_BALANCERS, () -> {
                    List<LoadBalancer> all = new ArrayList<>();
                    for (DescribeLoadBalancersResponse page : client.describeLoadBalancersPaginator(r -> { })) {
                        RawResponse answer = raw(context, "DescribeLoadBalancers", null);
                        for (LoadBalancer lb : page.loadBalancers()) {
                            all.add(lb);
                            if (answer != null) {
                                listedIn.put(lb.loadBalancerArn(), answer.cite(PERMISSION_LOAD_BALANCERS,
                                        Map.of("Region", region)));
                            }
                        }
                    }
                    return all.stream().sorted(Comparator.comparing(LoadBalancer::loadBalancerName)).toList();
                });
        for (LoadBalancer lb : loadBalancers.orElse(List.of())) {
            listeners(context, lb, listedIn.get(lb.loadBalancerArn()));
        }
    }

    /**
     * One load balancer (a targeted run), asked of DescribeLoadBalancers by its name: the items a full run publishes
     * for its listeners. One ELB no longer knows (LoadBalancerNotFound) publishes nothing, and the next full run
     * retires its listeners.
     */
    void loadBalancer(CollectionContext context, String name) {
        try {
            var answer = client.describeLoadBalancers(r -> r.names(name));
            RawResponse raw = raw(context, "DescribeLoadBalancers", null);
            Provenance.Citation listed = raw == null ? null
                    : raw.cite(PERMISSION_LOAD_BALANCERS, Map.of("Region", region, "Names", name));
            // only the load balancer asked for, whatever else an answer holds
            answer.loadBalancers().stream().filter(lb -> name.equals(lb.loadBalancerName()))
                    .forEach(lb -> listeners(context, lb, listed));
        } catch (SdkException e) {
            if (LOAD_BALANCER_NOT_FOUND.equals(AwsErrors.errorCode(e))) {
                LOG.infof("load balancer %s of account %s in %s does not exist any more: nothing to read", name,
                        accountId, region);
                return;
            }
            context.failure(AwsErrors.failure(LISTENER, key("elbv2", "loadbalancer/" + name),
                    "describe load balancer " + name + " in " + region, PERMISSION_LOAD_BALANCERS, e));
        }
    }

    /** A load balancer's listeners, one item each; {@code listedIn} is the answer that listed the load balancer. */
    private void listeners(CollectionContext context, LoadBalancer lb, Provenance.Citation listedIn) {
        Optional<List<Listener>> listeners = AwsErrors.read(context, LISTENER,
                key("elbv2", "loadbalancer/" + lb.loadBalancerName()),
                "list the listeners of load balancer " + lb.loadBalancerName() + " in " + region,
                PERMISSION_LISTENERS, () -> client.describeListenersPaginator(r -> r.loadBalancerArn(
                        lb.loadBalancerArn())).listeners().stream()
                        .sorted(Comparator.comparing(Listener::port)).toList());
        if (listeners.isEmpty()) {
            return;
        }
        var listed = raw(context, "DescribeListeners", null);
        for (Listener listener : listeners.get()) {
            String resourceKey = key("elbv2", "listener/" + lb.loadBalancerName() + "/" + listener.port());
            List<String> protocols = null;
            List<Provenance.Citation> supporting = new ArrayList<>();
            Optional.ofNullable(listedIn).ifPresent(supporting::add);
            if (listener.sslPolicy() != null) {
                Optional<Policy> allowed = policy(context, listener.sslPolicy(), resourceKey);
                if (allowed.isEmpty()) {
                    continue;
                }
                protocols = allowed.get().protocols();
                Optional.ofNullable(allowed.get().answer()).ifPresent(supporting::add);
            }
            context.evidence(LISTENER, resourceKey, facts(lb, listener, protocols),
                    context.provenance(PERMISSION_LISTENERS, Map.of("Region", region,
                            "LoadBalancerArn", lb.loadBalancerArn()), listed, supporting));
        }
    }

    /**
     * The protocols a TLS policy allows, asked once per policy and region. Its answer is cited right away: the
     * next policy's answer replaces it under the same key.
     */
    private Optional<Policy> policy(CollectionContext context, String policy, String resourceKey) {
        Optional<Policy> known = policies.get(policy);
        if (known != null) {
            return known;
        }
        Optional<Policy> read;
        try {
            List<String> protocols = client.describeSSLPolicies(r -> r.names(policy)).sslPolicies().stream()
                    .filter(p -> policy.equals(p.name())).findFirst().map(SslPolicy::sslProtocols)
                    .orElse(List.of()).stream().sorted().toList();
            RawResponse answer = raw(context, "DescribeSSLPolicies", null);
            read = Optional.of(new Policy(protocols, answer == null ? null
                    : answer.cite(PERMISSION_POLICIES, Map.of("Region", region, "Names", policy))));
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(LISTENER, resourceKey, "read TLS policy " + policy + " in " + region,
                    PERMISSION_POLICIES, e));
            read = Optional.empty();
        }
        policies.put(policy, read);
        return read;
    }

    private Map<String, Object> facts(LoadBalancer lb, Listener listener, List<String> protocols) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("loadBalancerName", lb.loadBalancerName());
        facts.put("loadBalancerArn", lb.loadBalancerArn());
        facts.put("loadBalancerType", lb.typeAsString());
        facts.put("scheme", lb.schemeAsString());
        facts.put("region", region);
        facts.put("listenerArn", listener.listenerArn());
        facts.put("port", listener.port());
        facts.put("protocol", listener.protocolAsString());
        facts.put("sslPolicy", listener.sslPolicy());
        facts.put("sslProtocols", protocols);
        facts.put("certificateArns", listener.certificates().stream().map(Certificate::certificateArn).toList());
        facts.put("redirectsToHttps", redirectsToHttps(listener.defaultActions()));
        return facts;
    }

    /** The default action (the first by order) redirects to HTTPS: plain HTTP then carries no content. */
    static boolean redirectsToHttps(List<Action> actions) {
        return actions.stream().min(Comparator.comparing(a -> a.order() == null ? Integer.MAX_VALUE : a.order()))
                .filter(a -> a.type() == ActionTypeEnum.REDIRECT && a.redirectConfig() != null)
                .map(a -> "HTTPS".equalsIgnoreCase(a.redirectConfig().protocol()))
                .orElse(false);
    }
}
