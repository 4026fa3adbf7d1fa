package dev.vigil.collector.entra;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.vigil.collector.http.Stated.bool;
import static dev.vigil.collector.http.Stated.strings;
import static dev.vigil.collector.http.Stated.text;

/**
 * A tenant's sign-in policy as facts: whether security defaults are on
 * ({@code GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy}) and each conditional access policy
 * ({@code GET /v1.0/identity/conditionalAccess/policies}) with its state, whom and what it covers and what it grants
 * on. Normalised, never judged: whether MFA is enforced for everyone is the rule's call. A setting Graph did not
 * state is null, never a default.
 */
public final class EntraSignInPolicyFacts {
    private EntraSignInPolicyFacts() {
    }

    public static Map<String, Object> of(JsonNode securityDefaults, List<JsonNode> conditionalAccess) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("securityDefaultsEnabled", bool(securityDefaults, "isEnabled"));
        List<Map<String, Object>> policies = new ArrayList<>();
        conditionalAccess.forEach(p -> policies.add(policy(p)));
        facts.put("conditionalAccessPolicies", policies);
        return facts;
    }

    private static Map<String, Object> policy(JsonNode policy) {
        JsonNode conditions = policy.path("conditions");
        JsonNode users = conditions.path("users");
        JsonNode applications = conditions.path("applications");
        JsonNode locations = conditions.path("locations");
        JsonNode grant = policy.path("grantControls");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("policyId", text(policy, "id"));
        facts.put("name", text(policy, "displayName"));
        // enabled, disabled, or enabledForReportingButNotEnforced (report-only: it enforces nothing)
        facts.put("state", text(policy, "state"));
        facts.put("includeUsers", strings(users.path("includeUsers")));
        facts.put("excludeUsers", strings(users.path("excludeUsers")));
        facts.put("excludeGroups", strings(users.path("excludeGroups")));
        facts.put("excludeRoles", strings(users.path("excludeRoles")));
        facts.put("includeApplications", strings(applications.path("includeApplications")));
        facts.put("excludeApplications", strings(applications.path("excludeApplications")));
        facts.put("clientAppTypes", strings(conditions.path("clientAppTypes")));
        // null: no location condition (every location); a trusted network left out is a way round the policy
        facts.put("includeLocations", strings(locations.path("includeLocations")));
        facts.put("excludeLocations", strings(locations.path("excludeLocations")));
        // null grant controls: a session-only or block policy
        facts.put("grantOperator", text(grant, "operator"));
        facts.put("builtInControls", strings(grant.path("builtInControls")));
        JsonNode strength = grant.path("authenticationStrength");
        facts.put("authenticationStrength", strength.isObject()
                ? (strength.hasNonNull("displayName") ? strength.get("displayName").asText() : strength.path("id").asText(null))
                : null);
        return facts;
    }
}
