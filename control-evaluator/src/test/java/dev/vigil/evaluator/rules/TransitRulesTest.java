package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The load balancer and certificate rules on facts shaped as aws-load-balancers publishes them. */
class TransitRulesTest {
    private static Map<String, Object> listener(String protocol, int port, List<String> protocols, boolean redirects) {
        Map<String, Object> facts = new HashMap<>(Map.of("loadBalancerName", "acme-partner-nlb",
                "loadBalancerType", "network", "scheme", "internet-facing", "region", "us-east-1", "port", port,
                "protocol", protocol, "certificateArns", List.of(), "redirectsToHttps", redirects));
        facts.put("sslPolicy", protocols == null ? null : "ELBSecurityPolicy-2016-08");
        facts.put("sslProtocols", protocols);
        return facts;
    }

    private static Verdict listen(Map<String, Object> facts) {
        return new LoadBalancerListenerEncryptsInTransit().evaluate(new Facts(facts));
    }

    @Test
    void tlsListenersPassOnlyWithoutOutdatedVersions() {
        assertThat(listen(listener("TLS", 8443, List.of("TLSv1", "TLSv1.1", "TLSv1.2"), false))).isEqualTo(
                Verdict.fail("listener TLS:8443 of load balancer acme-partner-nlb in us-east-1 still accepts outdated "
                        + "TLSv1, TLSv1.1 (policy ELBSecurityPolicy-2016-08)"));
        assertThat(listen(listener("HTTPS", 443, List.of("TLSv1.2", "TLSv1.3"), false))).isEqualTo(Verdict.pass(
                "listener HTTPS:443 of load balancer acme-partner-nlb in us-east-1 accepts only TLSv1.2, TLSv1.3 "
                        + "(policy ELBSecurityPolicy-2016-08)"));
        // a TLS listener whose policy was not read cannot pass
        assertThat(listen(listener("TLS", 8443, null, false)).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void plainListenersFailUnlessTheyOnlyRedirectToHttps() {
        assertThat(listen(listener("HTTP", 80, null, true))).isEqualTo(Verdict.pass(
                "listener HTTP:80 of load balancer acme-partner-nlb in us-east-1 only redirects to HTTPS"));
        assertThat(listen(listener("HTTP", 80, null, false))).isEqualTo(Verdict.fail(
                "listener HTTP:80 of load balancer acme-partner-nlb in us-east-1 accepts unencrypted HTTP from the "
                        + "internet"));
        assertThat(listen(listener("TCP", 9000, null, false)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void internalAndGatewayListenersAreOutOfScope() {
        Map<String, Object> internal = listener("HTTP", 80, null, false);
        internal.put("scheme", "internal");
        assertThat(listen(internal).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(listen(listener("GENEVE", 6081, null, false)).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    private static Verdict certificate(boolean inUse, String notAfter) {
        Map<String, Object> facts = new HashMap<>(Map.of("arn", "arn:aws:acm:us-east-1:1:certificate/c",
                "domainName", "partner.acme-demo.example", "region", "us-east-1", "status", "ISSUED",
                "type", "IMPORTED", "inUse", inUse, "renewalEligibility", "INELIGIBLE",
                "observedAt", "2026-11-22T12:00:00Z"));
        facts.put("notAfter", notAfter);
        return new AcmCertificateNotExpiring().evaluate(new Facts(facts));
    }

    @Test
    void certificatesInUseMustBeValidForThirtyDays() {
        String name = "certificate partner.acme-demo.example (arn:aws:acm:us-east-1:1:certificate/c)";
        assertThat(certificate(true, "2026-12-04T12:00:00Z"))
                .isEqualTo(Verdict.fail(name + " expires at 2026-12-04T12:00:00Z, in 12 days"));
        assertThat(certificate(true, "2026-11-01T00:00:00Z"))
                .isEqualTo(Verdict.fail(name + " is in use but expired at 2026-11-01T00:00:00Z"));
        assertThat(certificate(true, "2026-12-22T12:00:00Z"))
                .isEqualTo(Verdict.pass(name + " is valid until 2026-12-22T12:00:00Z (30 days)"));
        assertThat(certificate(false, "2026-11-01T00:00:00Z").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(certificate(true, null).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
