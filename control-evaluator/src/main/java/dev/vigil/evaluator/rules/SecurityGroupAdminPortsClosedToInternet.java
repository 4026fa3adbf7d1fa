package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Singleton
public class SecurityGroupAdminPortsClosedToInternet extends SecurityGroupRule {
    /** Remote administration: SSH and RDP. */
    private static final Map<Integer, String> ADMIN_PORTS = new TreeMap<>(Map.of(22, "SSH", 3389, "RDP"));

    @Override
    public String id() {
        return "aws.ec2.sg-admin-ports-closed-to-internet";
    }

    @Override
    public String description() {
        return "No security group admits the whole internet (0.0.0.0/0 or ::/0) to SSH (22) or RDP (3389).";
    }

    @Override
    Verdict judgeOpen(List<Map<?, ?>> openToInternet, String where) {
        List<String> exposed = ADMIN_PORTS.entrySet().stream()
                .filter(p -> openToInternet.stream().anyMatch(r -> coversTcpPort(r, p.getKey())))
                .map(p -> p.getValue() + " (" + p.getKey() + ")").toList();
        return exposed.isEmpty()
                ? Verdict.pass(where + " admits no one from the internet to SSH or RDP")
                : Verdict.fail(where + " admits the whole internet to " + String.join(" and ", exposed));
    }
}
