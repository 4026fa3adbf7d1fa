package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Base for rules over a security group's inbound rules ({@code ingress}: protocol, fromPort, toPort, ipv4Ranges,
 * ipv6Ranges, ...). Only sources that are the whole internet count: 0.0.0.0/0 and ::/0.
 */
abstract class SecurityGroupRule implements Rule {
    private static final Set<String> INTERNET = Set.of("0.0.0.0/0", "::/0");
    /** EC2's protocol for "all traffic"; TCP is "tcp" or its number. */
    static final String ALL_TRAFFIC = "-1";
    private static final Set<String> TCP = Set.of("tcp", "6");

    @Override
    public String resourceType() {
        return "aws.ec2.security-group";
    }

    @Override
    public final Verdict judge(Facts facts) {
        String where = "security group " + facts.string("groupId") + " (" + facts.string("groupName") + ") in "
                + facts.string("region");
        List<Map<?, ?>> open = facts.list("ingress").stream()
                .filter(Map.class::isInstance).<Map<?, ?>>map(r -> (Map<?, ?>) r)
                .filter(SecurityGroupRule::fromInternet).toList();
        return judgeOpen(open, where);
    }

    /** Judges the inbound rules whose source is the whole internet; {@code where} names the group. */
    abstract Verdict judgeOpen(List<Map<?, ?>> openToInternet, String where);

    private static boolean fromInternet(Map<?, ?> rule) {
        return ranges(rule.get("ipv4Ranges")).stream().anyMatch(INTERNET::contains)
                || ranges(rule.get("ipv6Ranges")).stream().anyMatch(INTERNET::contains);
    }

    private static List<String> ranges(Object value) {
        return value instanceof List<?> l ? l.stream().filter(Objects::nonNull).map(String::valueOf).toList() : List.of();
    }

    static boolean allTraffic(Map<?, ?> rule) {
        return ALL_TRAFFIC.equals(String.valueOf(rule.get("protocol")));
    }

    /** Whether the rule lets TCP traffic reach {@code port}. */
    static boolean coversTcpPort(Map<?, ?> rule, int port) {
        if (allTraffic(rule)) {
            return true;
        }
        if (!TCP.contains(String.valueOf(rule.get("protocol")))) {
            return false;
        }
        return rule.get("fromPort") instanceof Number from && rule.get("toPort") instanceof Number to
                && from.intValue() <= port && port <= to.intValue();
    }
}
