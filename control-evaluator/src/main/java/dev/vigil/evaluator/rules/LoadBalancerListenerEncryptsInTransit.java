package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

@Singleton
public class LoadBalancerListenerEncryptsInTransit implements Rule {
    /** Protocol versions with known weaknesses; PCI DSS and NIST SP 800-52r2 require TLS 1.2 or later. */
    static final Set<String> OUTDATED = Set.of("SSLv3", "TLSv1", "TLSv1.1");

    @Override
    public String id() {
        return "aws.elb.listener-encrypts-in-transit";
    }

    @Override
    public String resourceType() {
        return "aws.elb.listener";
    }

    @Override
    public String description() {
        return "Every listener of an internet-facing load balancer uses TLS 1.2 or later (HTTPS or TLS), or only "
                + "redirects HTTP to HTTPS.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String protocol = facts.string("protocol");
        String name = "listener " + protocol + ":" + facts.integer("port") + " of load balancer "
                + facts.string("loadBalancerName") + " in " + facts.string("region");
        if (!"internet-facing".equals(facts.string("scheme"))) {
            return Verdict.notApplicable(name + " is internal: its traffic does not cross a public network");
        }
        if ("GENEVE".equals(protocol)) {
            return Verdict.notApplicable(name + " hands packets to inspection appliances; it terminates no connection");
        }
        if ("HTTPS".equals(protocol) || "TLS".equals(protocol)) {
            String policy = facts.string("sslPolicy");
            List<String> allowed = facts.list("sslProtocols").stream().map(String::valueOf).toList();
            List<String> outdated = allowed.stream().filter(OUTDATED::contains).toList();
            return outdated.isEmpty()
                    ? Verdict.pass(name + " accepts only " + String.join(", ", allowed) + " (policy " + policy + ")")
                    : Verdict.fail(name + " still accepts outdated " + String.join(", ", outdated) + " (policy "
                    + policy + ")");
        }
        if ("HTTP".equals(protocol) && facts.bool("redirectsToHttps")) {
            return Verdict.pass(name + " only redirects to HTTPS");
        }
        return Verdict.fail(name + " accepts unencrypted " + protocol + " from the internet");
    }
}
