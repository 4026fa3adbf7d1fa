package dev.vigil.evaluator.rules;

import jakarta.inject.Singleton;

/**
 * The data classification policy (DS-06) is one every person must know and follow:
 * its current version acknowledged in time (docs/policies.md).
 */
@Singleton
public class DataClassificationPolicyAcknowledged extends PolicyAcknowledgedInTime {
    public DataClassificationPolicyAcknowledged() {
        super("DS-06");
    }
}
