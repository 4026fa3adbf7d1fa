package dev.vigil.evaluator.domain;

/**
 * Something the latest collection of a resource type could not read. A null resourceKey means the whole
 * resource type of that source was unreadable.
 */
public record CoverageGap(String source, String resourceType, String resourceKey, String reason,
                          String missingPermission) {

    public String describe() {
        String what = resourceKey == null ? resourceType + " of " + source : resourceKey;
        return "could not read " + what + ": " + reason
                + (missingPermission == null ? "" : " (missing permission: " + missingPermission + ")");
    }
}
