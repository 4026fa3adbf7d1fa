package dev.vigil.collector.okta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.vigil.collector.http.Stated.bool;
import static dev.vigil.collector.http.Stated.integer;
import static dev.vigil.collector.http.Stated.strings;
import static dev.vigil.collector.http.Stated.text;

/** What every Okta policy says of itself (Policies API), whatever its type: the first facts of each policy's evidence. */
final class OktaPolicyFacts {
    private OktaPolicyFacts() {
    }

    /** An inactive policy or rule governs no one: Okta applies the active ones only. */
    static boolean active(JsonNode policyOrRule) {
        return "ACTIVE".equals(policyOrRule.path("status").asText());
    }

    static Map<String, Object> of(JsonNode policy) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("policyId", text(policy, "id"));
        facts.put("name", text(policy, "name"));
        facts.put("status", text(policy, "status"));
        // the org's default policy, which applies to everyone no other policy catches (Okta's "system" flag)
        facts.put("default", bool(policy, "system"));
        facts.put("priority", integer(policy, "priority"));
        facts.put("groupsIncluded", strings(policy.path("conditions").path("people").path("groups").path("include")));
        return facts;
    }

    /**
     * What every rule of a policy says of itself, whatever the policy's type: the first facts of each rule, before
     * what its type's actions decide.
     */
    static Map<String, Object> rule(JsonNode rule) {
        JsonNode conditions = rule.path("conditions");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ruleId", text(rule, "id"));
        facts.put("name", text(rule, "name"));
        facts.put("status", text(rule, "status"));
        facts.put("priority", integer(rule, "priority"));
        // the policy's catch-all rule, last in priority order: it catches whoever no other rule does
        facts.put("default", bool(rule, "system"));
        // ANYWHERE, ON_NETWORK, OFF_NETWORK or ZONE; null: no network condition, which is anywhere
        facts.put("network", text(conditions.path("network"), "connection"));
        facts.put("usersExcluded", strings(conditions.path("people").path("users").path("exclude")));
        return facts;
    }
}
