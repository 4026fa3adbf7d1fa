package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * COM-07: attempts at unauthorized access that CloudTrail records raise an alarm someone receives. Two of the CIS
 * monitoring categories are attempts: API calls AWS denied (CloudWatch.2) and console sign-ins that failed
 * (CloudWatch.6). Root usage and sign-ins without MFA are privileged or weak access that succeeded, watched by other
 * controls' rules (LS-14, LS-26), so they are not required here.
 */
@Singleton
public class CloudTrailUnauthorizedAccessAlarms implements Rule {
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("unauthorized-api-calls", "unauthorized API calls");
        REQUIRED.put("console-authentication-failures", "console sign-in failures");
    }

    @Override
    public String id() {
        return "aws.cloudtrail.unauthorized-access-alarms";
    }

    @Override
    public String resourceType() {
        return "aws.cloudtrail.metric-alarms";
    }

    @Override
    public String description() {
        return "A CloudTrail trail recording every region delivers to a log group whose metric filters catch "
                + "unauthorized API calls and console sign-in failures, each with an alarm whose actions notify someone.";
    }

    @Override
    public Verdict judge(Facts facts) {
        return CloudTrailAlarmCoverage.judge(facts, REQUIRED, "unauthorized access");
    }
}
