package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.aws.identitycenter.IdentityCenterCollector.NAME;
import static dev.vigil.collector.aws.identitycenter.IdentityCenterCollector.TARGET_INSTANCE;

/**
 * Identity Store calls {@code aws-identity-center} reads the instance again for: a user created or changed (names,
 * e-mail addresses), a group membership added or removed, a group renamed (users name it) or deleted (its members
 * lose it and its assignments). The call's account and region name the instance. CreateGroup is no change:
 * a new group has no member until CreateGroupMembership.
 */
public final class IdentityStoreCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateUser", "UpdateUser", "CreateGroupMembership",
            "DeleteGroupMembership", "UpdateGroup", "DeleteGroup");

    @Override
    public String eventSource() {
        return "identitystore.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteUser", CloudTrailTargets.retiredByTheNextFullRun("a user"));
    }

    @Override
    public List<Target> targets(CloudTrailCall call) {
        return List.of(new Target(NAME, TARGET_INSTANCE, call.inRegion()));
    }
}
