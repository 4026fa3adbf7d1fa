package dev.vigil.report.review;

import java.util.Map;
import java.util.Optional;

/**
 * Who reviews an access: the person's manager when the identity provider's profile gives one, else the owner
 * configured for the resource (a repository, an AWS account) or for its system, else the default reviewer. Pure.
 *
 * @param owners          reviewer by resource key prefix (a key with a {@code :}, like {@code github:acme/payments}
 *                        or {@code aws:111122223333}; the longest match wins) or by system ({@code github}, {@code aws},
 *                        {@code aws-identity-center}, {@code okta}, {@code entra}, {@code google})
 * @param defaultReviewer who reviews what nobody else does
 */
public record Reviewers(Map<String, String> owners, String defaultReviewer) {
    /** Why this reviewer: the auditor reads it beside each decision. */
    public enum Basis {
        MANAGER, RESOURCE_OWNER, SYSTEM_OWNER, DEFAULT
    }

    public record Assigned(String reviewer, Basis basis) {
    }

    public Reviewers {
        owners = Map.copyOf(owners);
        if (defaultReviewer == null || defaultReviewer.isBlank()) {
            throw new IllegalArgumentException("access reviews need a default reviewer "
                    + "(vigil.report.reviews.default-reviewer)");
        }
    }

    public Assigned assign(Access access) {
        if (access.manager() != null && !access.manager().isBlank()) {
            return new Assigned(access.manager(), Basis.MANAGER);
        }
        Optional<Map.Entry<String, String>> byResource = owners.entrySet().stream()
                .filter(e -> e.getKey().contains(":") && access.resourceKey().startsWith(e.getKey()))
                .max((x, y) -> Integer.compare(x.getKey().length(), y.getKey().length()));
        if (byResource.isPresent()) {
            return new Assigned(byResource.get().getValue(), Basis.RESOURCE_OWNER);
        }
        String bySystem = owners.get(access.system());
        if (bySystem != null) {
            return new Assigned(bySystem, Basis.SYSTEM_OWNER);
        }
        return new Assigned(defaultReviewer, Basis.DEFAULT);
    }
}
