package dev.vigil.common.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A control's status after an evaluation that changed it (status, failing resources or scope).
 *
 * <p>The event names how many resources fail ({@code failingResourceCount}) but lists only the first of them, in the
 * evaluator's order (by resource key, then rule): an organisation's whole list does not fit in one Kafka record
 * ({@link StatusEventBounds}). The control evaluator keeps the complete list of every status it publishes, by control
 * and {@code evaluatedAt} ({@code GET /api/controls/{id}/failing-resources}). An event written before the count
 * existed listed everything: decoded, its count is its list's size.
 *
 * <p>{@code version} numbers the control's published statuses, 1, 2, 3, … in the evaluator's database, under the
 * per-control lock it evaluates under: a consumer keeps the highest and drops a lower one (a late or duplicate
 * delivery). An event written before versions existed has none ({@code null}); it is ordered by {@code evaluatedAt}.
 *
 * <p>A control carries a part for each way it is evidenced: {@code automated} (its rules) and {@code documents} (the
 * documents it requires). One evidenced both ways carries both, so a reader sees that its rules pass while its
 * document is missing (DOCUMENT_MISSING) rather than one status hiding the other (docs/controls.md). A part is left
 * out of the JSON when null: an event without parts is written byte for byte as before, and consumers that predate
 * them ignore them.
 *
 * @param failingResourceCount how many resources fail, whether listed here or not
 * @param failingResources     the first of them, at most {@code failingResourceCount}
 * @param reason               why a status other than PASS/FAIL was given (what could not be read, which permission)
 * @param version              the control's status version, increasing by one per published status; null if unknown
 * @param automated            what the control's rules alone say; null for a control without rules, and in events
 *                             written before statuses carried their parts
 * @param documents            the control's required documents, present, missing and expired; null for a control
 *                             that requires none, and in events written before statuses carried their parts
 */
public record ControlStatusEvent(
        String controlId,
        ControlStatus status,
        Instant evaluatedAt,
        int resourcesInScope,
        int failingResourceCount,
        List<FailingResource> failingResources,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) AutomatedPart automated,
        @JsonInclude(JsonInclude.Include.NON_NULL) DocumentPart documents) {

    public ControlStatusEvent {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        evaluatedAt = Times.micros(evaluatedAt);
        failingResources = failingResources == null ? List.of() : List.copyOf(failingResources);
        if (failingResourceCount < failingResources.size()) {
            throw new IllegalArgumentException("failingResourceCount " + failingResourceCount + " of " + controlId
                    + " is smaller than the " + failingResources.size() + " failing resources listed");
        }
        if (version != null && version < 1) {
            throw new IllegalArgumentException("version " + version + " of " + controlId + " must be at least 1");
        }
    }

    /** A status without its parts, as published before statuses carried them. */
    public ControlStatusEvent(String controlId, ControlStatus status, Instant evaluatedAt, int resourcesInScope,
                              int failingResourceCount, List<FailingResource> failingResources, String reason,
                              Long version) {
        this(controlId, status, evaluatedAt, resourcesInScope, failingResourceCount, failingResources, reason, version,
                null, null);
    }

    /** A status without a version, as published before versions existed. */
    public ControlStatusEvent(String controlId, ControlStatus status, Instant evaluatedAt, int resourcesInScope,
                              int failingResourceCount, List<FailingResource> failingResources, String reason) {
        this(controlId, status, evaluatedAt, resourcesInScope, failingResourceCount, failingResources, reason, null);
    }

    /** A status that lists every failing resource. */
    public ControlStatusEvent(String controlId, ControlStatus status, Instant evaluatedAt, int resourcesInScope,
                              List<FailingResource> failingResources, String reason) {
        this(controlId, status, evaluatedAt, resourcesInScope, failingResources == null ? 0 : failingResources.size(),
                failingResources, reason);
    }

    /** The same status as the control's {@code version}th publication. */
    public ControlStatusEvent withVersion(long version) {
        return new ControlStatusEvent(controlId, status, evaluatedAt, resourcesInScope, failingResourceCount,
                failingResources, reason, version, automated, documents);
    }

    /** The same status with its automated and document parts (either may be null: the control has no such part). */
    public ControlStatusEvent withParts(AutomatedPart automated, DocumentPart documents) {
        return new ControlStatusEvent(controlId, status, evaluatedAt, resourcesInScope, failingResourceCount,
                failingResources, reason, version, automated, documents);
    }

    public String eventId() {
        return controlId + ":" + evaluatedAt;
    }

    /** True when some failing resources are counted but not listed: the evaluator has the rest. */
    public boolean failingResourcesCut() {
        return failingResourceCount > failingResources.size();
    }
}
