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
            // Its look-behind is tried at every position of a text, so it runs only where there is a run of 42
            // such characters (00 and 40 more) for it to find.
            new SecretPattern("(?<![A-Za-z0-9_-])00(?=[A-Za-z0-9_-]{0,39}[A-Z])(?=[A-Za-z0-9_-]{0,39}[a-z])"
                    + "[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])", 42, "00"),
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
    /** One of these (lower case) ends every parameter name {@link #SECRET_QUERY_PARAMETER} masks, before its '='. */
    private static final String[] SECRET_QUERY_LITERALS = {"token=", "secret=", "password=", "passwd=", "signature=",
            "credential=", "key=", "sig=", "code="};
    /** An XML element whose name says it holds a secret ({@code <SecretAccessKey>}, {@code <SessionToken>}). */
    private static final Pattern XML_ELEMENT = Pattern.compile("<((?:[A-Za-z0-9_-]+:)?([A-Za-z0-9_-]+))>([^<]+)</\\1>");

    private Redactor() {
    }

    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        // Each net runs only where a text holds what any of its matches holds (literals, checked in lower case for
        // the case-insensitive ones): most values and answers hold none, and the patterns alone decide what is masked.
        Net net = new Net(text);
        for (SecretPattern p : SECRET_VALUES) {
            if (p.mayMatch(p.ignoreCase() ? net.lower() : net.out)) {
                net.set(p.pattern().matcher(net.out).replaceAll(MASK));
            }
        }
        if (net.lower().contains("basic")) {
            net.set(BASIC_AUTH.matcher(net.out).replaceAll(m -> isBasicCredential(m.group(1))
                    ? Matcher.quoteReplacement(m.group().substring(0, m.start(1) - m.start()) + MASK)
                    : Matcher.quoteReplacement(m.group())));
        }
        if (net.out.contains("://") && net.out.indexOf('@') >= 0) {
            net.set(URL_PASSWORD.matcher(net.out)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3))));
        }
        if (net.out.indexOf('=') >= 0 && (net.out.indexOf('?') >= 0 || net.out.indexOf('&') >= 0)
                && containsAny(net.lower(), SECRET_QUERY_LITERALS)) {
            net.set(SECRET_QUERY_PARAMETER.matcher(net.out).replaceAll(m -> Matcher.quoteReplacement(
                    SAFE_KEY_NAME.matcher(m.group(2)).matches() ? m.group() : m.group(1) + MASK)));
        }
        // Only an element with a secret's name is masked, so a text naming none is left as it is.
        if (net.out.indexOf('<') >= 0 && containsAny(net.lower(), SECRET_NAME_LITERALS)) {
            net.set(XML_ELEMENT.matcher(net.out).replaceAll(m -> Matcher.quoteReplacement(
                    isSecretXmlValue(m.group(2), m.group(3)) ? "<" + m.group(1) + ">" + MASK + "</" + m.group(1) + ">" : m.group())));
        }
        return net.out;
    }

    /** The text as the nets leave it, and the same in lower case, made again only after a net changed it. */
    private static final class Net {
        String out;
        private String lower;

        Net(String text) {
            this.out = text;
        }

        String lower() {
            if (lower == null) {
                lower = out.toLowerCase(Locale.ROOT);
            }
            return lower;
        }

        void set(String next) {
            if (!next.equals(out)) {
                out = next;
                lower = null;
            }
        }
    }

    private static boolean containsAny(String text, String[] literals) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
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
        return mayNameSecret(name) && SECRET_KEY_NAME.matcher(name).matches()
                && !SAFE_KEY_NAME.matcher(name).matches();
    }

    /**
     * Every name {@link #SECRET_KEY_NAME} matches contains one of these (lower case): most names (ids, states,
     * dates) contain none and skip its backtracking {@code .*(...).*}. The pattern alone decides what is secret.
     */
    private static final String[] SECRET_NAME_LITERALS =
            {"pass", "secret", "token", "key", "credential", "authorization", "cookie", "session"};

    private static boolean mayNameSecret(String name) {
        return containsAny(name.toLowerCase(Locale.ROOT), SECRET_NAME_LITERALS);
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
        String text = new String(body, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            // JSON: the list and the pattern net in one walk of one tree (the net leaves the list's mask as it is)
            try {
                ObjectMapper mapper = EventCodec.mapper();
                return mapper.writeValueAsBytes(allowList.maskJson(mapper.readTree(trimmed), Redactor::redactText));
            } catch (Exception e) {
                return redactBody(body); // not JSON after all, as the list's own parse would have found
            }
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
    /** @param tokenRun when not 0, every match is within a run of at least this many of [A-Za-z0-9_-] */
    private record SecretPattern(Pattern pattern, boolean ignoreCase, int tokenRun, String[] literals) {
        SecretPattern(String regex, String... literals) {
            this(regex, 0, literals);
        }

        SecretPattern(String regex, int tokenRun, String... literals) {
            this(Pattern.compile(regex), regex.startsWith("(?i)"), tokenRun, literals.clone());
        }

        /** @param in the text, in lower case when the pattern ignores case */
        boolean mayMatch(String in) {
            return containsAny(in, literals) && (tokenRun == 0 || hasTokenRun(in, tokenRun));
        }

        private static boolean hasTokenRun(String in, int length) {
            int run = 0;
            for (int i = 0; i < in.length(); i++) {
                char c = in.charAt(i);
                boolean token = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '-';
                run = token ? run + 1 : 0;
                if (run >= length) {
                    return true;
                }
            }
            return false;
        }
    }
}
