package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Set;

import static dev.vigil.collector.aws.identitycenter.IdentityCenterCollector.NAME;
import static dev.vigil.collector.aws.identitycenter.IdentityCenterCollector.TARGET_INSTANCE;

/**
 * IAM Identity Center calls {@code aws-identity-center} reads the instance again for: an account assignment created
 * or deleted (to a user, or to a group and so to its members). The call's account and region name the instance.
 * Permission set changes are no fact (a permission set's name cannot change); provisioning one to an account gives
 * nobody access without an assignment.
 */
public final class IdentityCenterCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateAccountAssignment", "DeleteAccountAssignment");

    @Override
    public String eventSource() {
        return "sso.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public List<Target> targets(CloudTrailCall call) {
        return List.of(new Target(NAME, TARGET_INSTANCE, call.inRegion()));
    }
}
