package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repository's security settings as facts: secret scanning and push protection (its
 * {@code security_and_analysis}, which GitHub shows only to those with Administration read), Dependabot alerts,
 * visibility and whether it is archived.
 */
final class RepositoryFacts {
    private RepositoryFacts() {
    }

    /** True when the repository JSON carries its security settings (the caller could see them). */
    static boolean securityVisible(JsonNode repo) {
        return repo.path("security_and_analysis").isObject();
    }

    static Map<String, Object> of(JsonNode repo, boolean dependabotAlerts) {
        JsonNode security = repo.path("security_and_analysis");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("repository", repo.path("full_name").asText());
        facts.put("archived", repo.path("archived").asBoolean(false));
        facts.put("visibility", repo.hasNonNull("visibility") ? repo.get("visibility").asText()
                : repo.path("private").asBoolean(true) ? "private" : "public");
        facts.put("defaultBranch", repo.path("default_branch").asText());
        facts.put("secretScanning", enabled(security, "secret_scanning"));
        facts.put("secretScanningPushProtection", enabled(security, "secret_scanning_push_protection"));
        facts.put("dependabotAlerts", dependabotAlerts);
        facts.put("dependabotSecurityUpdates", enabled(security, "dependabot_security_updates"));
        return facts;
    }

    /** {@code {"status": "enabled"}}; a feature GitHub does not list for the repository is off. */
    private static boolean enabled(JsonNode security, String feature) {
        return "enabled".equals(security.path(feature).path("status").asText());
    }
}
