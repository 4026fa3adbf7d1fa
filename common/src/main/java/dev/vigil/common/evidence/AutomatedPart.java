package dev.vigil.common.evidence;

import java.util.Objects;

/**
 * The automated part of a control's status: what its rules alone say, as if the control were evidenced by rules
 * only. Why is in the status's reason (for a large organisation it names thousands of resources, so it is not
 * repeated here).
 *
 * @param status               the rules' verdict: PASS, FAIL, NOT_EVALUATED, STALE, EXCEPTED or NO_EVIDENCE
 * @param resourcesInScope     resources the rules judged
 * @param failingResourceCount how many of them fail, accepted by an exception or not
 */
public record AutomatedPart(ControlStatus status, int resourcesInScope, int failingResourceCount) {
    public AutomatedPart {
        Objects.requireNonNull(status, "status");
    }
}
