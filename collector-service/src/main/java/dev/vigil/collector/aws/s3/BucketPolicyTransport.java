package dev.vigil.collector.aws.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.aws.PolicyValues.strings;
import static dev.vigil.collector.aws.PolicyValues.values;

/**
 * Whether a bucket policy refuses every request made without TLS: some statement denies all principals the
 * bucket's objects ({@code s3:*}, or at least both {@code s3:GetObject} and {@code s3:PutObject}) when
 * {@code aws:SecureTransport} is false, and only then. A statement with further conditions, NotAction or
 * NotPrincipal denies less than that and is not counted: the check errs towards "not enforced".
 */
public final class BucketPolicyTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ALL_ACTIONS = Set.of("*", "s3:*");
    private static final Set<String> BOOL_OPERATORS = Set.of("Bool", "BoolIfExists");

    private BucketPolicyTransport() {
    }

    /** @throws IllegalArgumentException when {@code policy} is not a JSON object */
    public static boolean deniesInsecureTransport(String bucket, String policy) {
        JsonNode root;
        try {
            root = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bucket policy of " + bucket + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("bucket policy of " + bucket + " is not a JSON object");
        }
        for (JsonNode statement : values(root.get("Statement"))) {
            if (deniesWithoutTls(bucket, statement)) {
                return true;
            }
        }
        return false;
    }

    private static boolean deniesWithoutTls(String bucket, JsonNode s) {
        if (!s.isObject() || !"Deny".equals(s.path("Effect").asText())
                || s.has("NotAction") || s.has("NotPrincipal") || s.has("NotResource")) {
            return false;
        }
        return everyone(s.get("Principal")) && objectActions(strings(s.get("Action")))
                && coversObjects(bucket, strings(s.get("Resource"))) && onlyInsecureTransport(s.get("Condition"));
    }

    private static boolean everyone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        return principal.isObject() && strings(principal.get("AWS")).contains("*");
    }

    private static boolean objectActions(List<String> actions) {
        List<String> lower = actions.stream().map(a -> a.toLowerCase()).toList();
        return lower.stream().anyMatch(ALL_ACTIONS::contains)
                || lower.contains("s3:getobject") && lower.contains("s3:putobject");
    }

    private static boolean coversObjects(String bucket, List<String> resources) {
        return resources.contains("*") || resources.contains("arn:aws:s3:::" + bucket + "/*");
    }

    /** The condition must be exactly {"Bool": {"aws:SecureTransport": "false"}}: anything more narrows the deny. */
    private static boolean onlyInsecureTransport(JsonNode condition) {
        if (condition == null || !condition.isObject() || condition.size() != 1) {
            return false;
        }
        Map.Entry<String, JsonNode> operator = condition.fields().next();
        JsonNode keys = operator.getValue();
        if (!BOOL_OPERATORS.contains(operator.getKey()) || !keys.isObject() || keys.size() != 1) {
            return false;
        }
        Map.Entry<String, JsonNode> key = keys.fields().next();
        // Condition keys are case-insensitive in IAM; values may be a string, a boolean or a one-element list.
        List<String> expected = strings(key.getValue());
        return "aws:securetransport".equalsIgnoreCase(key.getKey()) && expected.size() == 1
                && "false".equalsIgnoreCase(expected.get(0));
    }
}
