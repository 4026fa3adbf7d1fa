package dev.vigil.common.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets before anything is published, logged or stored. Two nets: values under keys that name
 * a secret (password, token, secret, private key, ...) are replaced whatever they look like, and any
 * string that looks like a known credential (AWS access key ids, GitHub and Slack tokens, bearer and
 * Okta SSWS headers, PEM private keys) is replaced wherever it stands.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    private static final Pattern SECRET_KEY_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential|authorization|cookie|session[_-]?id).*");
    // Names that contain a secret-ish word but hold public, non-secret metadata we need as evidence.
    private static final Pattern SAFE_KEY_NAME = Pattern.compile(
            "(?i)(tokenendpoint|token_endpoint|passwordpolicy|password_policy|passwordlastused|password_last_used"
                    + "|passwordchanged|password_changed|credentialtype|credential_type|.*_url|.*Url)");
    private static final List<Pattern> SECRET_VALUES = List.of(
            Pattern.compile("\\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}\\b"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}\\b"),
            Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{8,}\\b"),
            Pattern.compile("(?i)\\b(bearer|ssws|token)\\s+[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)(aws_secret_access_key|secretaccesskey)[\"'\\s:=]+[A-Za-z0-9/+=]{30,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));

    private Redactor() {
    }

    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Pattern p : SECRET_VALUES) {
            out = p.matcher(out).replaceAll(MASK);
        }
        return out;
    }

    public static boolean isSecretName(String name) {
        return SECRET_KEY_NAME.matcher(name).matches() && !SAFE_KEY_NAME.matcher(name).matches();
    }

    /** Redacts a raw response body: structurally when it is JSON, by pattern otherwise (XML, text). */
    public static byte[] redactBody(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        ObjectMapper mapper = EventCodec.mapper();
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode tree = mapper.readTree(text);
                return mapper.writeValueAsBytes(redactTree(tree));
            } catch (JsonProcessingException e) {
                // not JSON after all: fall through to the pattern net
            }
        }
        return redactText(text).getBytes(StandardCharsets.UTF_8);
    }

    /** Redacts a facts map (nested maps and lists) into a new map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> redactFacts(Map<String, Object> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((k, v) -> out.put(k,
                isSecretName(k) && v != null && !(v instanceof Boolean) ? MASK : redactValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object v) {
        if (v instanceof String s) {
            return redactText(s);
        }
        if (v instanceof Map<?, ?> m) {
            return redactFacts((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(item -> out.add(redactValue(item)));
            return out;
        }
        return v;
    }

    private static JsonNode redactTree(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            List<Map.Entry<String, JsonNode>> replace = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretName(e.getKey()) && !e.getValue().isNull() && !e.getValue().isBoolean()) {
                    replace.add(Map.entry(e.getKey(), TextNode.valueOf(MASK)));
                } else {
                    replace.add(Map.entry(e.getKey(), redactTree(e.getValue())));
                }
            }
            replace.forEach(e -> obj.set(e.getKey(), e.getValue()));
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, redactTree(arr.get(i)));
            }
            return arr;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(redactText(node.asText()));
        }
        return node;
    }
}
