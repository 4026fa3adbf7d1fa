package dev.vigil.evaluator.domain;

import dev.vigil.common.evidence.FailingResource;

import java.time.Instant;

/**
 * An accepted risk: failures of a control (all of them, or one resource's) that management accepted, with an
 * owner, a justification and an expiry after which the failure counts again.
 */
public record ControlException(String id, String controlId, String resourceKey, String owner, String justification,
                               Instant expiresAt) {

    public boolean covers(FailingResource failing, Instant now) {
        return now.isBefore(expiresAt) && (resourceKey == null || resourceKey.equals(failing.resourceKey()));
    }
}
