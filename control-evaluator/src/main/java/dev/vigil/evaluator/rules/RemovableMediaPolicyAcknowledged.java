package dev.vigil.evaluator.rules;

import jakarta.inject.Singleton;

/**
 * The removable media policy (DS-01) is one every person must know and follow:
 * its current version acknowledged in time (docs/policies.md).
 */
@Singleton
public class RemovableMediaPolicyAcknowledged extends PolicyAcknowledgedInTime {
    public RemovableMediaPolicyAcknowledged() {
        super("DS-01");
    }
}
