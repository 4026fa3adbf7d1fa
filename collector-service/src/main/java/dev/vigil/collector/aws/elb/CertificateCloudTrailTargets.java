package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.aws.elb.LoadBalancersCollector.NAME;
import static dev.vigil.collector.aws.elb.LoadBalancersCollector.TARGET_CERTIFICATES;

/**
 * ACM calls {@code aws-load-balancers} reads the call's region's certificates again for: a certificate requested or
 * imported (a new one, or new expiry), or renewed. The event's {@code awsRegion} is read, whichever certificate the
 * call names (one alone would need a permission a full run does not). What ACM does by itself (validation, managed
 * renewal, a certificate taken into use by a listener) is no call: it waits for the scheduled collection.
 */
public final class CertificateCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("RequestCertificate", "ImportCertificate", "RenewCertificate");

    @Override
    public String eventSource() {
        return "acm.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteCertificate", CloudTrailTargets.retiredByTheNextFullRun("a certificate"));
    }

    @Override
    public List<Target> targets(CloudTrailCall call) {
        return List.of(new Target(NAME, TARGET_CERTIFICATES, call.inRegion()));
    }
}
