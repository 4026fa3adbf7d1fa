package dev.vigil.report.linked;

import java.time.Instant;

/** A person the identity providers list as active, as the evaluator joins them, and when Vigil first saw them. */
public record ActivePerson(String email, Instant firstSeenAt) {
}
