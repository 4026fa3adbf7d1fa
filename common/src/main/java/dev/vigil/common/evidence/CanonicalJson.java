package dev.vigil.common.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;

/**
 * The JSON Canonicalization Scheme (RFC 8785, JCS): object members sorted by their names' UTF-16 code units, no
 * insignificant white space, strings and numbers serialised as ECMAScript does. Equal facts hash equally whatever
 * order a collector put them in, and an auditor can recompute an evidence id with any JCS implementation (Python's
 * {@code jcs}, JavaScript's {@code canonicalize}, ...), not only with Vigil's code.
 *
 * <p>Jackson writes the value, then the reference implementation's canonicaliser (Samuel Erdtman's, one of the RFC's
 * authors) re-serialises it. As in JCS, numbers are IEEE 754 doubles: an integer beyond 2^53 loses precision, so
 * facts keep such identifiers as strings.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private CanonicalJson() {
    }

    public static String write(Object value) {
        String json;
        try {
            json = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("facts are not serializable as JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            // NaN and infinities have no JSON form; lone surrogates are not I-JSON
            throw new IllegalArgumentException("facts have no RFC 8785 canonical form: " + e.getMessage(), e);
        }
    }
}
