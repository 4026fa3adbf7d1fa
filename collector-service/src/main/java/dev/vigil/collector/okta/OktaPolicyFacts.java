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
}
