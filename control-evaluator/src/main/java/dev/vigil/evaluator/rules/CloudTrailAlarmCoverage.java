package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the alarms on an account's CloudTrail events ({@code aws.cloudtrail.metric-alarms}) cover a set of the CIS
 * monitoring categories: some trail that records every region and is logging delivers to a CloudWatch Logs log group
 * with, for each category, a metric filter catching it and an alarm on that filter's metric whose actions are enabled
 * and notify someone (an SNS topic, a Lambda function, Systems Manager OpsCenter or Incident Manager; an EC2 or Auto
 * Scaling action tells nobody). A trail recording one region, or not logging, misses the events it should alarm on.
 */
final class CloudTrailAlarmCoverage {
    /** The services of alarm actions that reach people. */
    private static final Set<String> NOTIFYING = Set.of("sns", "lambda", "ssm", "ssm-incidents");

    private CloudTrailAlarmCoverage() {
    }

    /**
     * @param required each category id and its name in a reason ({@code "route-table-changes"} → "route table
     *                 changes"), in the order reasons list them
     * @param what     what the alarms are for, in a reason ("unauthorized access")
     */
    static Verdict judge(Facts facts, Map<String, String> required, String what) {
        List<?> trails = facts.list("trails");
        if (trails.isEmpty()) {
            return Verdict.fail("the account has no CloudTrail trail: no alarm can fire on " + what);
        }
        List<String> shortfalls = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (Object each : trails) {
            Facts trail = new Facts(asMap(each, "trails"));
            String name = trail.string("name");
            if (trail.optionalString("logGroupArn") == null) {
                shortfalls.add(name + ": delivers to no CloudWatch Logs log group");
                continue;
            }
            String group = trail.string("logGroup");
            if (!trail.bool("isMultiRegionTrail") || !trail.bool("isLogging")) {
                shortfalls.add(name + " (log group " + group + "): "
                        + (trail.bool("isMultiRegionTrail") ? "not logging" : "records one region only"));
                continue;
            }
            if (!trail.values().containsKey("filters")) {
                throw new Facts.MissingFactException("evidence lacks fact 'filters' of trail " + name);
            }
            if (trail.values().get("filters") == null) {
                elsewhere.add(name + " (log group " + group + " of account " + trail.string("logGroupAccount") + ")");
                continue;
            }
            Map<String, String> missing = missing(trail.list("filters"), required);
            if (missing.isEmpty()) {
                return Verdict.pass("CloudTrail trail " + name + " (log group " + group + ") alarms on " + what + ": "
                        + String.join(", ", required.values()));
            }
            List<String> lacking = new ArrayList<>();
            missing.forEach((category, why) -> lacking.add(required.get(category) + why));
            shortfalls.add(name + " (log group " + group + "): no alarm with an enabled action for "
                    + String.join(", ", lacking));
        }
        // an organisation trail delivering to another account's log group records this account's calls there too:
        // its alarms are judged in that account's item
        if (!elsewhere.isEmpty()) {
            return Verdict.notApplicable("the alarms on " + String.join(", ", elsewhere)
                    + " are judged in the account that holds the log group"
                    + (shortfalls.isEmpty() ? "" : "; here: " + String.join("; ", shortfalls)));
        }
        return Verdict.fail("no CloudTrail trail recording every region alarms on " + what + " ("
                + String.join("; ", shortfalls) + ")");
    }

    /** The required categories no alarm covers, each with what is there instead (" (filter f has no alarm)"). */
    private static Map<String, String> missing(List<?> filters, Map<String, String> required) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (String category : required.keySet()) {
            List<String> near = new ArrayList<>();
            boolean covered = false;
            for (Object f : filters) {
                Facts filter = new Facts(asMap(f, "filters"));
                if (!filter.list("catches").contains(category)) {
                    continue;
                }
                List<?> alarms = filter.list("alarms");
                if (alarms.isEmpty()) {
                    near.add("filter " + filter.string("name") + " has no alarm");
                }
                for (Object a : alarms) {
                    Facts alarm = new Facts(asMap(a, "alarms"));
                    if (!alarm.bool("actionsEnabled")) {
                        near.add("alarm " + alarm.string("name") + " has its actions disabled");
                    } else if (alarm.list("alarmActions").stream().map(String::valueOf)
                            .noneMatch(CloudTrailAlarmCoverage::notifies)) {
                        near.add("alarm " + alarm.string("name") + " notifies nobody");
                    } else {
                        covered = true;
                    }
                }
            }
            if (!covered) {
                missing.put(category, near.isEmpty() ? "" : " (" + String.join(", ", near) + ")");
            }
        }
        return missing;
    }

    /** {@code arn:<partition>:<service>:...} of a service that reaches people. */
    static boolean notifies(String actionArn) {
        String[] parts = actionArn.split(":", 4);
        return parts.length == 4 && parts[0].equals("arn") && NOTIFYING.contains(parts[2]);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String fact) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Facts.MissingFactException("fact '" + fact + "' should list objects but holds " + value);
        }
        return (Map<String, Object>) map;
    }
}
