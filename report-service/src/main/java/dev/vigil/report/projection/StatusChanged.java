package dev.vigil.report.projection;

import dev.vigil.common.evidence.ControlStatus;

import java.time.Instant;

/** A control's latest status was replaced (fired as a CDI event by {@link StatusProjection}). */
public record StatusChanged(String controlId, ControlStatus status, Instant evaluatedAt) {
}
