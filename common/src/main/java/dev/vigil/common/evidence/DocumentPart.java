package dev.vigil.common.evidence;

import java.util.List;
import java.util.Objects;

/**
 * The document part of a control's status: the documents the catalogue requires of it, as if the control were
 * evidenced by documents only. Each required document type is in exactly one of the three lists.
 *
 * @param status  PASS (every one current), STALE (one has reached its maximum age, none missing) or NO_EVIDENCE
 *                (one was never uploaded)
 * @param present types whose newest document is current
 * @param missing types no document was ever uploaded for
 * @param expired types whose newest document has reached its maximum age
 * @param reason  what is current, missing or expired, with effective dates
 */
public record DocumentPart(ControlStatus status, List<String> present, List<String> missing, List<String> expired,
                           String reason) {
    public DocumentPart {
        Objects.requireNonNull(status, "status");
        present = present == null ? List.of() : List.copyOf(present);
        missing = missing == null ? List.of() : List.copyOf(missing);
        expired = expired == null ? List.of() : List.copyOf(expired);
    }

    /** How many document types the control requires. */
    public int required() {
        return present.size() + missing.size() + expired.size();
    }
}
