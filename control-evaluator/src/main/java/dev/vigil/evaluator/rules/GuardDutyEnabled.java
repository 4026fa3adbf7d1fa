package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

@Singleton
public class GuardDutyEnabled implements Rule {
    @Override
    public String id() {
        return "aws.guardduty.enabled";
    }

    @Override
    public String resourceType() {
        return "aws.guardduty.region";
    }

    @Override
    public String description() {
        return "GuardDuty threat detection runs in every region read (a detector exists and is ENABLED).";
    }

    @Override
    public Verdict judge(Facts facts) {
        String region = facts.string("region");
        if (facts.optionalString("detectorId") == null) {
            return Verdict.fail("GuardDuty has no detector in " + region + ": nothing watches that region for threats");
        }
        String status = facts.optionalString("status");
        return "ENABLED".equals(status)
                ? Verdict.pass("GuardDuty detector " + facts.string("detectorId") + " is enabled in " + region)
                : Verdict.fail("GuardDuty detector " + facts.string("detectorId") + " in " + region + " is " + status);
    }
}
