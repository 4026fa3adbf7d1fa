package dev.vigil.evaluator.domain;

import java.time.Instant;

/** A recorded decision that a control is out of the system's scope, and why. */
public record ScopingDecision(String controlId, String justification, String decidedBy, Instant decidedAt) {
}
