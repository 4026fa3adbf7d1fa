package dev.vigil.common.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads and writes Vigil's events as CloudEvents 1.0 in structured JSON mode
 * ({@code application/cloudevents+json}): the standard attributes, with the Vigil payload in {@code data}.
 * See docs/evidence.md. Decoding validates everything and throws {@link MalformedEventException} with a
 * reason a person can act on.
 *
 * <p>Written by hand rather than with the CloudEvents SDK, which the tests use to check this envelope both ways
 * (CloudEventsConformanceTest): the envelope is seven attributes; signatures are over the record's exact bytes, which
 * this class alone produces; each record is parsed once (the SDK's JSON format parses the envelope, then the
 * evaluator would parse {@code data} again, at thousands of records a second); and a malformed record's dead-letter
 * reason names the attribute at fault, which the SDK's exceptions do not do uniformly.
 */
public final class EventCodec {
    public static final String SPEC_VERSION = "1.0";
    public static final String EVIDENCE_TYPE = "dev.vigil.evidence.observed.v1";
    public static final String RUN_TYPE = "dev.vigil.collection-run.v1";
    public static final String STATUS_TYPE = "dev.vigil.control-status.v1";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** The longest id, source, type, subject, time, resource key or run id accepted (AWS ARNs reach 2,048). */
    public static final int MAX_ATTRIBUTE_LENGTH = 4096;
    static final SourceRef EVALUATOR_SOURCE = new SourceRef("vigil", "control-evaluator");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();

    /**
     * Writes facts and provenance straight into an evidence event's text exactly as converting them to a tree did:
     * the tree read numbers back with a {@link BigDecimal}'s trailing zeros stripped (Jackson's default), the one
     * value whose text the conversion changed.
     */
    private static final ObjectMapper EVIDENCE_WRITER = MAPPER.copy().registerModule(new SimpleModule()
            .addSerializer(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
                @Override
                public void serialize(BigDecimal value, JsonGenerator g, SerializerProvider provider)
                        throws IOException {
                    g.writeNumber(value.stripTrailingZeros());
                }
            }));

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ---- evidence ----

    /**
     * Written straight to text, in the members' order of {@link #envelope}: a collector encodes every event it
     * publishes, and building the tree first (facts and provenance converted to nodes, then written) was most of
     * the cost. The bytes are those the tree gave (EventCodecTest compares both).
     */
    public static String encode(EvidenceEvent e) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = EVIDENCE_WRITER.createGenerator(out)) {
            g.writeStartObject();
            writeAttributes(g, e.id(), e.source(), EVIDENCE_TYPE, e.resourceKey(), e.observedAt());
            g.writeObjectFieldStart("data");
            g.writeStringField("resourceType", e.resourceType());
            g.writeStringField("resourceKey", e.resourceKey());
            g.writeStringField("runId", e.runId());
            g.writeFieldName("facts");
            EVIDENCE_WRITER.writeValue(g, e.facts());
            g.writeFieldName("provenance");
            EVIDENCE_WRITER.writeValue(g, e.provenance());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    /**
     * An evidence event from a record's value as it came from the broker: UTF-8 text (RFC 8259), anything else is
     * malformed, never read with replacement characters.
     */
    public static EvidenceEvent decodeEvidence(byte[] value) {
        if (value == null) {
            return decodeEvidence(""); // refused as an empty record
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("the record is not UTF-8 text (" + e + ")", e);
        }
        return decodeEvidence(json);
    }

    public static EvidenceEvent decodeEvidence(String json) {
        JsonNode root = readEnvelope(json, EVIDENCE_TYPE);
        JsonNode data = root.get("data");
        String resourceKey = text(data, "data.resourceKey");
        if (!resourceKey.equals(text(root, "subject"))) {
            throw new MalformedEventException("subject '" + root.get("subject").asText()
                    + "' differs from data.resourceKey '" + resourceKey + "'");
        }
        JsonNode facts = data.get("facts");
        if (facts == null || !facts.isObject()) {
            throw new MalformedEventException("data.facts must be a JSON object");
        }
        return new EvidenceEvent(
                text(root, "id"),
                source(root),
                text(data, "data.resourceType"),
                resourceKey,
                time(root, "time"),
                text(data, "data.runId"),
                MAPPER.convertValue(facts, Map.class),
                convert(required(data, "data.provenance"), Provenance.class, "data.provenance"));
    }

    // ---- collection runs ----

    public static String encode(CollectionRunEvent r) {
        ObjectNode data = MAPPER.valueToTree(r);
        data.remove("source");
        return write(envelope(r.eventId(), r.source(), RUN_TYPE, r.collector(), r.at(), data));
    }

    public static CollectionRunEvent decodeRun(String json) {
        JsonNode root = readEnvelope(json, RUN_TYPE);
        ObjectNode data = (ObjectNode) root.get("data").deepCopy();
        data.set("source", MAPPER.valueToTree(source(root)));
        return convert(data, CollectionRunEvent.class, "data");
    }

    // ---- control status ----

    public static String encode(ControlStatusEvent s) {
        return write(envelope(s.eventId(), EVALUATOR_SOURCE, STATUS_TYPE, s.controlId(), s.evaluatedAt(),
                MAPPER.valueToTree(s)));
    }

    public static ControlStatusEvent decodeStatus(String json) {
        JsonNode root = readEnvelope(json, STATUS_TYPE);
        ObjectNode data = (ObjectNode) root.get("data");
        if (!data.hasNonNull("failingResourceCount")) {
            // Written before events were bounded (StatusEventBounds): such an event listed every failing resource.
            JsonNode listed = data.get("failingResources");
            data.put("failingResourceCount", listed != null && listed.isArray() ? listed.size() : 0);
        }
        return convert(data, ControlStatusEvent.class, "data");
    }

    // ---- envelope plumbing ----

    /** The envelope's attributes, before {@code data}, as {@link #envelope} sets them. */
    private static void writeAttributes(JsonGenerator g, String id, SourceRef source, String type, String subject,
                                        Instant time) throws IOException {
        g.writeStringField("specversion", SPEC_VERSION);
        g.writeStringField("id", id);
        g.writeStringField("source", source.uri());
        g.writeStringField("type", type);
        g.writeStringField("subject", subject);
        g.writeStringField("time", time.toString());
        g.writeStringField("datacontenttype", "application/json");
    }

    private static ObjectNode envelope(String id, SourceRef source, String type, String subject, Instant time,
                                       JsonNode data) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("specversion", SPEC_VERSION);
        n.put("id", id);
        n.put("source", source.uri());
        n.put("type", type);
        n.put("subject", subject);
        n.put("time", time.toString());
        n.put("datacontenttype", "application/json");
        n.set("data", data);
        return n;
    }

    private static JsonNode readEnvelope(String json, String expectedType) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record: expected a CloudEvents 1.0 JSON envelope");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("expected a JSON object (CloudEvents envelope)");
        }
        String version = text(root, "specversion");
        if (!SPEC_VERSION.equals(version)) {
            throw new MalformedEventException("unsupported specversion '" + version + "', expected 1.0");
        }
        String type = text(root, "type");
        if (!expectedType.equals(type)) {
            throw new MalformedEventException("unexpected type '" + type + "' on this topic, expected " + expectedType);
        }
        text(root, "id");
        if (!root.path("data").isObject()) {
            throw new MalformedEventException("missing attribute 'data' (a JSON object)");
        }
        return root;
    }

    private static SourceRef source(JsonNode root) {
        try {
            return SourceRef.parse(text(root, "source"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    private static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("attribute '" + field + "' is not an RFC 3339 UTC time: " + value);
        }
    }

    private static JsonNode required(JsonNode node, String path) {
        JsonNode v = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || v.isNull()) {
            throw new MalformedEventException("missing attribute '" + path + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String path) {
        JsonNode v = required(node, path);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new MalformedEventException("attribute '" + path + "' must be a non-empty string");
        }
        if (v.asText().length() > MAX_ATTRIBUTE_LENGTH) {
            // Ids, keys, types and times are short in every real event; a huge one is a defect or an attack, and
            // would only fail later, less clearly (an index row too large, a page that never renders).
            throw new MalformedEventException("attribute '" + path + "' is " + v.asText().length()
                    + " characters long; at most " + MAX_ATTRIBUTE_LENGTH);
        }
        return v.asText();
    }

    private static <T> T convert(JsonNode node, Class<T> type, String path) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String msg = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : root.getMessage();
            throw new MalformedEventException("'" + path + "' is not a valid " + type.getSimpleName() + ": " + msg);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
