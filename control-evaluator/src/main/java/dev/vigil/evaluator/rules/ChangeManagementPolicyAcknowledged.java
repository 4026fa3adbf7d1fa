package dev.vigil.evaluator.rules;

import jakarta.inject.Singleton;

/**
 * The change management methodology (CM-13) is a policy that every person must know and follow:
 * its current version acknowledged in time (docs/policies.md).
 */
@Singleton
public class ChangeManagementPolicyAcknowledged extends PolicyAcknowledgedInTime {
    public ChangeManagementPolicyAcknowledged() {
        super("CM-13");
    }
}
