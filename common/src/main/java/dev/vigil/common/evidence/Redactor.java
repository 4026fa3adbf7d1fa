package dev.vigil.common.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets before anything is published, logged or stored. Two nets: values under keys that name
 * a secret (password, token, secret, private key, ...) are replaced whatever they look like, and any
 * string that looks like a known credential (AWS access key ids and secret keys, GitHub, Slack, Okta and Google
 * tokens and keys, bearer, SSWS and Basic credentials, JWTs, Slack webhooks, passwords in URLs and secret query
 * parameters, XML elements named like a secret, PEM and PGP private keys) is replaced wherever it stands. Where
 * a response's shape is known, an {@link AllowList} masks everything not on it first.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    private static final Pattern SECRET_KEY_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential|authorization|cookie|session[_-]?id).*");
    // Names that contain a secret-ish word but hold public, non-secret metadata we need as evidence.
    private static final Pattern SAFE_KEY_NAME = Pattern.compile(
            "(?i)(tokenendpoint|token_endpoint|passwordpolicy|password_policy|passwordlastused|password_last_used"
                    + "|passwordchanged|password_changed|credentialtype|credential_type|.*_url|.*Url"
                    // pagination cursors: a page, not a credential, and needed to repeat the observation
                    + "|.*pagetoken|.*page_token|nexttoken|next_token|\\$?skiptoken|continuationtoken|continuation_token)");
    /**
     * A secret that stands alone in text: replaced whole. Each pattern comes with literals one of which any match
     * contains (lower case for a case-insensitive pattern): a text without them is not scanned, which spares most
     * values (ids, names, dates) a dozen regular expressions; the patterns alone decide what is masked.
     */
    private static final List<SecretPattern> SECRET_VALUES = List.of(
            new SecretPattern("\\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\\b", "AKIA", "ASIA", "AROA", "AIDA"),
            new SecretPattern("\\bgh[pousr]_[A-Za-z0-9]{20,}\\b", "gh"),
            new SecretPattern("\\bgithub_pat_[A-Za-z0-9_]{20,}\\b", "github_pat_"),
            new SecretPattern("\\bxox[abposr]-[A-Za-z0-9-]{8,}\\b", "xox"),
            new SecretPattern("(?i)\\b(bearer|ssws|token)\\s+[A-Za-z0-9._~+/=-]{8,}", "bearer", "ssws", "token"),
            new SecretPattern("(?i)(aws_secret_access_key|secretaccesskey)[\"'\\s:=]+[A-Za-z0-9/+=]{30,}",
                    "aws_secret_access_key", "secretaccesskey"),
            // A JSON Web Token: header and payload are base64url JSON objects, so both start with eyJ.
            new SecretPattern("\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", "eyJ"),
            // Anyone holding a Slack incoming-webhook or workflow URL can post to the channel.
            new SecretPattern("(?i)https?://hooks\\.slack\\.com/(services|workflows|triggers)/[A-Za-z0-9/_-]+",
                    "hooks.slack.com"),
            // Google API keys: AIza and 35 more characters.
            new SecretPattern("\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", "AIza"),
            // Okta API tokens without their SSWS prefix: 00 and 40 base64url characters, mixed case (ids are
            // 20 characters; hex digests have no upper case).
            new SecretPattern("(?<![A-Za-z0-9_-])00(?=[A-Za-z0-9_-]{0,39}[A-Z])(?=[A-Za-z0-9_-]{0,39}[a-z])"
                    + "[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])", "00"),
            // PEM and PGP private keys, also cut off before their END line.
            new SecretPattern("-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
                    + "(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)", "-----BEGIN "));
    /** {@code Basic <base64 of user:password>}: masked only when it decodes to something with a colon. */
    private static final Pattern BASIC_AUTH = Pattern.compile("(?i)\\bbasic\\s+([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])");
    /** The password of a URL's user info ({@code scheme://user:password@host}); the user name stays. */
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@\"'<>]+:)([^/\\s@\"'<>]+)(@)");
    /** Query parameters whose name says they carry a secret ({@code ?access_token=}, {@code &X-Amz-Signature=}). */
    private static final Pattern SECRET_QUERY_PARAMETER = Pattern.compile(
            "(?i)((?:[?&]|&amp;)([A-Za-z0-9_.$-]*(?:token|secret|password|passwd|signature|credential|api[_-]?key|sig|code|key))=)"
                    + "([^&\\s#\"'<>]+)");
    /** An XML element whose name says it holds a secret ({@code <SecretAccessKey>}, {@code <SessionToken>}). */
    private static final Pattern XML_ELEMENT = Pattern.compile("<((?:[A-Za-z0-9_-]+:)?([A-Za-z0-9_-]+))>([^<]+)</\\1>");

    private Redactor() {
    }

    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (SecretPattern p : SECRET_VALUES) {
            if (p.mayMatch(out)) {
                out = p.pattern().matcher(out).replaceAll(MASK);
            }
        }
        if (out.toLowerCase(Locale.ROOT).contains("basic")) {
            out = BASIC_AUTH.matcher(out).replaceAll(m -> isBasicCredential(m.group(1))
                    ? Matcher.quoteReplacement(m.group().substring(0, m.start(1) - m.start()) + MASK)
                    : Matcher.quoteReplacement(m.group()));
        }
        if (out.contains("://") && out.indexOf('@') >= 0) {
            out = URL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        }
        if (out.indexOf('=') >= 0 && (out.indexOf('?') >= 0 || out.indexOf('&') >= 0)) {
            out = SECRET_QUERY_PARAMETER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                    SAFE_KEY_NAME.matcher(m.group(2)).matches() ? m.group() : m.group(1) + MASK));
        }
        if (out.indexOf('<') >= 0) {
            out = XML_ELEMENT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                    isSecretXmlValue(m.group(2), m.group(3)) ? "<" + m.group(1) + ">" + MASK + "</" + m.group(1) + ">" : m.group()));
        }
        return out;
    }

    private static boolean isBasicCredential(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).indexOf(':') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // Counts and flags under secret-sounding names (MinimumPasswordLength, RequireSymbols) are not secrets.
    private static boolean isSecretXmlValue(String elementName, String value) {
        String v = value.strip();
        return isSecretName(elementName) && !v.isEmpty() && !v.equals(MASK)
                && !v.matches("true|false|\\d{1,6}");
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

    /**
     * Redacts a raw response whose shape {@code allowList} knows: every value not on it masked, then the pattern
     * net over what is left (an allowed field holding a token is still caught). Without an allow-list, or when
     * the body is not of its shape, as {@link #redactBody(byte[])}.
     */
    public static byte[] redactBody(byte[] body, AllowList allowList) {
        if (allowList == null) {
            return redactBody(body);
        }
        return allowList.apply(body).map(Redactor::patternNet).orElseGet(() -> redactBody(body));
    }

    // Allowed keys were chosen as not secret, so only the value patterns run here, not the key-name rule.
    private static byte[] patternNet(byte[] masked) {
        String text = new String(masked, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                ObjectMapper mapper = EventCodec.mapper();
                return mapper.writeValueAsBytes(patternsOnly(mapper.readTree(text)));
            } catch (JsonProcessingException e) {
                // fall through
            }
        }
        return redactText(text).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode patternsOnly(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> obj.set(n, patternsOnly(obj.get(n))));
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, patternsOnly(arr.get(i)));
            }
            return arr;
        }
        return node.isTextual() ? TextNode.valueOf(redactText(node.asText())) : node;
    }

    /** A run failure as it may be published, logged and shown: its reason and resource key redacted. */
    public static RunFailure redactFailure(RunFailure failure) {
        return new RunFailure(failure.resourceType(), redactText(failure.resourceKey()), redactText(failure.reason()),
                redactText(failure.missingPermission()));
    }

    /** Request parameters as provenance may carry them: secret-named ones masked, URLs and values redacted. */
    public static Map<String, String> redactParameters(Map<String, String> parameters) {
        if (parameters == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, v != null && isSecretName(k) ? MASK : redactText(v)));
        return out;
    }

    /** Provenance as published: the parameters of the answer and of every supporting citation redacted. */
    public static Provenance redactProvenance(Provenance p) {
        if (p == null) {
            return null;
        }
        return new Provenance(p.operation(), redactParameters(p.parameters()), p.etag(), p.responseSha256(),
                p.collector(), p.collectorVersion(), p.supporting().stream()
                .map(c -> new Provenance.Citation(c.operation(), redactParameters(c.parameters()), c.etag(),
                        c.responseSha256()))
                .toList(), p.trigger());
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

    /** @param literals one of which every match contains; lower case when the pattern ignores case */
    private record SecretPattern(Pattern pattern, boolean ignoreCase, List<String> literals) {
        SecretPattern(String regex, String... literals) {
            this(Pattern.compile(regex), regex.startsWith("(?i)"), List.of(literals));
        }

        boolean mayMatch(String text) {
            String in = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
            for (String literal : literals) {
                if (in.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }
}
