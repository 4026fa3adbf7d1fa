package dev.vigil.common.evidence;

/**
 * Something a run could not read. {@code resourceKey} is null when a whole resource type was
 * unreadable; {@code missingPermission} names the permission to grant when the API denied access.
 */
public record RunFailure(String resourceType, String resourceKey, String reason, String missingPermission) {
}
