package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * IAM policy documents write a field that may hold many values (Action, Resource, Principal's AWS, a condition's
 * values) either as one value or as an array of them: read both ways alike.
 */
public final class PolicyValues {
    private PolicyValues() {
    }

    /** The field's values: none when absent or null, itself when a single value, its elements when an array. */
    public static List<JsonNode> values(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.elements().forEachRemaining(values::add);
        } else {
            values.add(node);
        }
        return values;
    }

    /** The field's scalar values as text. */
    public static List<String> strings(JsonNode node) {
        return values(node).stream().filter(JsonNode::isValueNode).map(JsonNode::asText).toList();
    }
}
