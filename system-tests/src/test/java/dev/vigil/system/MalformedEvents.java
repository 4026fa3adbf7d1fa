package dev.vigil.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Malformed and mutated evidence records, fuzzed from a real envelope: truncated, attributes of the wrong type,
 * huge identifying attributes, invalid UTF-8, a wrong CloudEvents or event schema version, attributes missing. Every
 * one must end in the dead-letter topic with a reason, and none may stop a consumer (docs/reliability.md).
 */
final class MalformedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One way to break an envelope; the name says which, for the report. */
    record Mutation(String name, BiFunction<String, Random, byte[]> apply) {
    }

    static final List<Mutation> MUTATIONS = List.of(
            new Mutation("truncated", (json, random) -> utf8(json.substring(0, 1 + random.nextInt(json.length() - 2)))),
            new Mutation("facts-not-an-object", (json, random) -> edit(json, e -> data(e).put("facts", "bucket=x"))),
            new Mutation("time-a-number", (json, random) -> edit(json, e -> e.put("time", 1764633600))),
            new Mutation("time-not-rfc3339", (json, random) -> edit(json, e -> e.put("time", "yesterday"))),
            new Mutation("subject-an-object", (json, random) -> edit(json, e -> e.putObject("subject").put("key", "x"))),
            new Mutation("provenance-a-string", (json, random) -> edit(json, e -> data(e).put("provenance", "s3"))),
            new Mutation("data-an-array", (json, random) -> edit(json, e -> e.putArray("data").add(1))),
            new Mutation("huge-subject", (json, random) -> edit(json, e -> {
                String huge = "aws:999900001111:s3:" + "x".repeat(200_000);
                e.put("subject", huge);
                data(e).put("resourceKey", huge);
            })),
            new Mutation("huge-id", (json, random) -> edit(json, e -> e.put("id", "sha256:" + "f".repeat(300_000)))),
            new Mutation("invalid-utf8", MalformedEvents::invalidUtf8),
            new Mutation("specversion-0.3", (json, random) -> edit(json, e -> e.put("specversion", "0.3"))),
            new Mutation("event-type-v9", (json, random) -> edit(json, e -> e.put("type", "dev.vigil.evidence.observed.v9"))),
            new Mutation("id-missing", (json, random) -> edit(json, e -> e.remove("id"))),
            new Mutation("source-not-a-vigil-uri", (json, random) -> edit(json, e -> e.put("source", "https://example.com"))),
            new Mutation("subject-differs-from-resource-key", (json, random) -> edit(json, e -> e.put("subject", "other"))),
            new Mutation("not-json", (json, random) -> utf8("<html>502 Bad Gateway</html>")),
            new Mutation("empty", (json, random) -> new byte[0]),
            new Mutation("json-null", (json, random) -> utf8("null")));

    private MalformedEvents() {
    }

    /** The n-th malformed record made from this real envelope (mutations in turn). */
    static byte[] mutate(String envelope, long n, Random random) {
        return MUTATIONS.get((int) (n % MUTATIONS.size())).apply().apply(envelope, random);
    }

    static String mutationName(long n) {
        return MUTATIONS.get((int) (n % MUTATIONS.size())).name();
    }

    private interface Edit {
        void apply(ObjectNode envelope);
    }

    private static byte[] edit(String json, Edit edit) {
        try {
            ObjectNode envelope = (ObjectNode) JSON.readTree(json);
            edit.apply(envelope);
            return JSON.writeValueAsBytes(envelope);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the real envelope does not parse: " + e, e);
        }
    }

    private static ObjectNode data(ObjectNode envelope) {
        JsonNode data = envelope.get("data");
        return (ObjectNode) data;
    }

    /** The envelope with a byte sequence that is not UTF-8 inside the bucket name. */
    private static byte[] invalidUtf8(String json, Random random) {
        byte[] bytes = utf8(json);
        int at = json.indexOf("\"bucket\":\"");
        int cut = at < 0 ? bytes.length / 2 : utf8(json.substring(0, at + 10)).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, cut);
        out.write(0xC3); // a lead byte followed by an ASCII byte: never valid UTF-8
        out.write(0x28);
        out.write(0xFF);
        out.write(bytes, cut, bytes.length - cut);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
