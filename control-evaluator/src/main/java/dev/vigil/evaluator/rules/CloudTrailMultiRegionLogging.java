package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Singleton
public class CloudTrailMultiRegionLogging implements Rule {
    @Override
    public String id() {
        return "aws.cloudtrail.multi-region-logging";
    }

    @Override
    public String resourceType() {
        return "aws.cloudtrail.account";
    }

    @Override
    public String description() {
        return "At least one CloudTrail trail records every region, is logging, and validates its log files.";
    }

    @Override
    public Verdict judge(Facts facts) {
        List<?> trails = facts.list("trails");
        if (trails.isEmpty()) {
            return Verdict.fail("the account has no CloudTrail trail: its API activity is recorded nowhere");
        }
        List<String> shortfalls = new ArrayList<>();
        for (Object item : trails) {
            if (!(item instanceof Map<?, ?> map)) {
                return Verdict.unknown("a CloudTrail trail is not described by facts");
            }
            @SuppressWarnings("unchecked")
            Facts trail = new Facts((Map<String, Object>) map);
            List<String> missing = new ArrayList<>();
            if (!trail.bool("isMultiRegionTrail")) {
                missing.add("single-region");
            }
            if (!trail.bool("isLogging")) {
                missing.add("not logging");
            }
            if (!trail.bool("logFileValidationEnabled")) {
                missing.add("no log-file validation");
            }
            if (missing.isEmpty()) {
                return Verdict.pass("CloudTrail trail " + trail.string("name")
                        + " records every region, is logging and validates its log files");
            }
            shortfalls.add(trail.string("name") + ": " + String.join(", ", missing));
        }
        return Verdict.fail("no CloudTrail trail records every region while logging with log-file validation ("
                + String.join("; ", shortfalls) + ")");
    }
}
