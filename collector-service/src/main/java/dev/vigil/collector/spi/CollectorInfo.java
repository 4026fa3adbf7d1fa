package dev.vigil.collector.spi;

import java.util.List;

/**
 * What a collector is, fixed for its class: its name (also its config key under {@code vigil.collectors.}),
 * the version of its normalisation (bump it when facts change meaning), its provider, every resource type a
 * complete run vouches for, and the permissions a read-only credential needs ({@link Permission}: the provider's
 * exact identifier, from which {@link PermissionManifests} generates the IAM policy and GitHub App manifest, and the
 * wording run failures use).
 */
public record CollectorInfo(String name, String version, String provider, List<String> resourceTypes,
                            List<Permission> permissions) {

    public CollectorInfo {
        resourceTypes = List.copyOf(resourceTypes);
        permissions = List.copyOf(permissions);
    }
}
