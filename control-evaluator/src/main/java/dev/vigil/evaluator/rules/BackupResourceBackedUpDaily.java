package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resource AWS Backup protects has a successful backup from the last day and its latest job did not fail.
 * Judged against the observation time carried in the facts, so the verdict depends on the evidence alone.
 */
@Singleton
public class BackupResourceBackedUpDaily implements Rule {
    /**
     * A daily plan may start its job up to 8 hours into its start window (AWS Backup's default) and the job takes
     * time to finish, so two successive daily backups can be more than 24 hours apart: allow 36.
     */
    static final Duration MAX_AGE = Duration.ofHours(36);

    @Override
    public String id() {
        return "aws.backup.resource-backed-up-daily";
    }

    @Override
    public String resourceType() {
        return "aws.backup.protected-resource";
    }

    @Override
    public String description() {
        return "Every resource AWS Backup protects was backed up successfully within the last 36 hours, and no backup "
                + "job of it failed after its last successful backup.";
    }

    @Override
    public Verdict judge(Facts facts) {
        try {
            return judgeTimes(facts);
        } catch (DateTimeParseException e) {
            return Verdict.unknown("a backup time is not an instant: " + e.getParsedString());
        }
    }

    private Verdict judgeTimes(Facts facts) {
        String name = facts.string("resourceType") + " " + (facts.optionalString("resourceName") != null
                ? facts.optionalString("resourceName") : facts.string("resourceArn")) + " in " + facts.string("region");
        Instant observed = Instant.parse(facts.string("observedAt"));
        String last = facts.optionalString("lastBackupAt");
        Instant lastBackup = last == null ? null : Instant.parse(last);
        Map<?, ?> latestFailure = null;
        Instant latestFailureAt = null;
        for (Object item : facts.list("failedJobs")) {
            if (!(item instanceof Map<?, ?> job) || !(job.get("createdAt") instanceof String createdAt)) {
                return Verdict.unknown("a failed backup job of " + name + " is not described by facts");
            }
            Instant at = Instant.parse(createdAt);
            if (latestFailureAt == null || at.isAfter(latestFailureAt)) {
                latestFailure = job;
                latestFailureAt = at;
            }
        }
        List<String> problems = new ArrayList<>();
        if (lastBackup == null) {
            problems.add("never backed up successfully");
        } else if (Duration.between(lastBackup, observed).compareTo(MAX_AGE) > 0) {
            problems.add("last backed up successfully at " + last + ", "
                    + Duration.between(lastBackup, observed).toHours() + " hours before it was observed");
        }
        if (latestFailureAt != null && (lastBackup == null || latestFailureAt.isAfter(lastBackup))) {
            Object message = latestFailure.get("statusMessage");
            problems.add("its latest backup job " + latestFailure.get("jobId") + " failed at " + latestFailureAt
                    + (message == null ? "" : " (" + message + ")"));
        }
        if (problems.isEmpty()) {
            return Verdict.pass(name + " was last backed up successfully at " + last);
        }
        return Verdict.fail(name + ": " + String.join("; ", problems));
    }

}
