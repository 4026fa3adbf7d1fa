package dev.vigil.collector.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One permission a collector's credential needs, structured enough to generate policies from (see
 * {@link PermissionManifests}) and worded for people in run failures.
 *
 * @param provider    the provider it is granted by ({@code aws}, {@code github}, {@code okta}, ...)
 * @param name        the provider's exact identifier: an IAM action ({@code ec2:DescribeVolumes}), a GitHub App
 *                    manifest permission key ({@code administration}, {@code members},
 *                    {@code organization_administration}), an OAuth scope or API permission
 * @param access      the access level asked for; Vigil only ever asks to read
 * @param description how a run failure names it ({@code RunFailure.missingPermission}) and {@code GET /api/collectors}
 *                    lists it
 */
public record Permission(String provider, String name, Access access, String description) {
    public static final String AWS = "aws";
    public static final String GITHUB = "github";

    /** The level of access; {@link #value()} is the GitHub App manifest's word for it. */
    public enum Access {
        READ, WRITE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Permission {
        if (provider == null || provider.isBlank() || name == null || name.isBlank() || access == null
                || description == null || description.isBlank()) {
            throw new IllegalArgumentException("incomplete permission: " + provider + " " + name + " " + access);
        }
    }

    /** Read permissions of another provider (an OAuth scope, a Graph permission, ...). */
    public static Permission read(String provider, String name, String description) {
        return new Permission(provider, name, Access.READ, description);
    }

    /** IAM actions, each named in run failures as itself ({@code iam:GetCredentialReport}). */
    public static List<Permission> aws(String... actions) {
        return Arrays.stream(actions).map(a -> new Permission(AWS, a, Access.READ, a)).toList();
    }

    /** A GitHub App permission at {@code read}: {@code key} as in the manifest's {@code default_permissions}. */
    public static Permission githubRead(String key, String description) {
        return new Permission(GITHUB, key, Access.READ, description);
    }
}
