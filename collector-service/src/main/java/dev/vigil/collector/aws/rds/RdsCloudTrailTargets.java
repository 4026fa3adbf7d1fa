package dev.vigil.collector.aws.rds;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.rds.RdsCollector.NAME;
import static dev.vigil.collector.aws.rds.RdsCollector.TARGET_INSTANCE;

/**
 * RDS calls {@code aws-rds} reads an instance again for, in the call's region: created, or modified (encryption,
 * backups, deletion protection, public access, Multi-AZ). The instance is {@code requestParameters
 * .dBInstanceIdentifier}, or {@code newDBInstanceIdentifier} when a modification renames it (the old name's item is
 * the next full run's to retire). A modification not applied immediately shows in the read once RDS applies it.
 */
public final class RdsCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateDBInstance", "ModifyDBInstance");
    /** RDS's instance identifiers: a letter, then letters, digits and hyphens (1 to 63), stored in lower case. */
    private static final Pattern INSTANCE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    @Override
    public String eventSource() {
        return "rds.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteDBInstance", "a deleted instance cannot be read; the next full run no longer lists it");
    }

    @Override
    public List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed {
        String id = call.request("newDBInstanceIdentifier").or(() -> call.request("dBInstanceIdentifier"))
                .map(i -> i.toLowerCase(java.util.Locale.ROOT))
                .filter(i -> INSTANCE.matcher(i).matches())
                .orElseThrow(() -> call.malformed("RDS instance"));
        return List.of(new Target(NAME, TARGET_INSTANCE, call.inRegion(id)));
    }
}
