package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

@Singleton
public class SecurityGroupAllPortsClosedToInternet extends SecurityGroupRule {
    private static final int LAST_PORT = 65535;

    @Override
    public String id() {
        return "aws.ec2.sg-all-ports-closed-to-internet";
    }

    @Override
    public String description() {
        return "No security group admits the whole internet (0.0.0.0/0 or ::/0) on all protocols or all TCP/UDP ports.";
    }

    @Override
    Verdict judgeOpen(List<Map<?, ?>> openToInternet, String where) {
        for (Map<?, ?> rule : openToInternet) {
            if (allTraffic(rule)) {
                return Verdict.fail(where + " admits all traffic from the whole internet");
            }
            if (rule.get("fromPort") instanceof Number from && rule.get("toPort") instanceof Number to
                    && from.intValue() <= 0 && to.intValue() >= LAST_PORT) {
                return Verdict.fail(where + " admits the whole internet on every " + rule.get("protocol") + " port");
            }
        }
        return Verdict.pass(where + " admits the internet only on chosen ports, if at all");
    }
}
