package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COM-07: GuardDuty's findings are alerts only if something delivers them to people. GuardDuty publishes them to the
 * region's default event bus; an enabled EventBridge rule catching them with at least one target (an SNS topic, a
 * ticketing or paging integration) is what routes them. Who is on the other end is shown by the control's document.
 */
@Singleton
public class GuardDutyFindingsRouted implements Rule {
    @Override
    public String id() {
        return "aws.guardduty.findings-routed-to-alerting";
    }

    @Override
    public String resourceType() {
        return "aws.guardduty.finding-routing";
    }

    @Override
    public String description() {
        return "In every region read, an enabled EventBridge rule sends GuardDuty findings to at least one target.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String region = facts.string("region");
        List<String> routing = new ArrayList<>();
        List<String> notRouting = new ArrayList<>();
        for (Object each : facts.list("rules")) {
            Facts rule = new Facts(asMap(each));
            String name = rule.string("name");
            List<?> targets = rule.list("targets");
            if (!"ENABLED".equals(rule.string("state"))) {
                notRouting.add(name + " (" + rule.string("state") + ")");
            } else if (targets.isEmpty()) {
                notRouting.add(name + " (no target)");
            } else {
                routing.add(name + " → " + String.join(", ", targets.stream().map(String::valueOf).toList()));
            }
        }
        if (!routing.isEmpty()) {
            return Verdict.pass("GuardDuty findings in " + region + " go to alerting: " + String.join("; ", routing));
        }
        return Verdict.fail(notRouting.isEmpty()
                ? "no EventBridge rule in " + region + " catches GuardDuty findings: they are raised and nobody is told"
                : "no rule in " + region + " delivers GuardDuty findings: " + String.join(", ", notRouting));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Facts.MissingFactException("fact 'rules' should list objects but holds " + value);
        }
        return (Map<String, Object>) map;
    }
}
