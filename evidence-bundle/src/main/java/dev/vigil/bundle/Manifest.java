package dev.vigil.bundle;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static dev.vigil.bundle.JsonFields.integer;
import static dev.vigil.bundle.JsonFields.object;
import static dev.vigil.bundle.JsonFields.readObject;
import static dev.vigil.bundle.JsonFields.text;

/**
 * {@code manifest.json}: the bundle's metadata and every file it holds (but the manifest and its signature).
 * <pre>
 * {
 *   "formatVersion" : 1,
 *   "generator" : { "name" : "vigil-report-service", "version" : "0.1.0" },
 *   "catalogueVersion" : "2026.1",
 *   "period" : { "from" : "2026-01-01T00:00:00Z", "to" : "2026-04-01T00:00:00Z" },
 *   "createdAt" : "2026-04-02T08:00:00Z",
 *   "signingKeyId" : "BQP92nfiEi8MtrMlrfTI82riNeHQTK7E19I7gLBabMM",
 *   "files" : [ { "path" : "controls.csv", "sha256" : "…", "size" : 1234, "mediaType" : "text/csv" } ]
 * }
 * </pre>
 * Times are RFC 3339 UTC ({@link Instant#toString()}). {@code signingKeyId} is the {@code kid} of the key that
 * signs the manifest (the same as the JWS header's), so the signed content itself names its key; bundles written
 * before key rotation lack it ({@code signingKeyId} is then null).
 */
public record Manifest(int formatVersion, BundleMetadata metadata, String signingKeyId, List<ManifestFile> files) {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    public Manifest {
        files = List.copyOf(files);
    }

    /**
     * Writes the manifest as UTF-8 JSON, file by file, without building it in memory. The output depends only on
     * the arguments, so writing twice gives the same bytes.
     */
    static void write(BundleMetadata metadata, String signingKeyId, List<ManifestFile> files, OutputStream out)
            throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("formatVersion", BundleLayout.FORMAT_VERSION);
            json.writeObjectFieldStart("generator");
            json.writeStringField("name", metadata.generatorName());
            json.writeStringField("version", metadata.generatorVersion());
            json.writeEndObject();
            json.writeStringField("catalogueVersion", metadata.catalogueVersion());
            json.writeObjectFieldStart("period");
            json.writeStringField("from", metadata.periodFrom().toString());
            json.writeStringField("to", metadata.periodTo().toString());
            json.writeEndObject();
            json.writeStringField("createdAt", metadata.createdAt().toString());
            json.writeStringField("signingKeyId", signingKeyId);
            json.writeArrayFieldStart("files");
            for (ManifestFile file : files) {
                json.writeStartObject();
                json.writeStringField("path", file.path());
                json.writeStringField("sha256", file.sha256());
                json.writeNumberField("size", file.size());
                json.writeStringField("mediaType", file.mediaType());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Reads a manifest; {@link IllegalArgumentException} names what is missing or malformed. */
    public static Manifest parse(byte[] json) {
        JsonNode root = readObject(json);
        long version = integer(root, "formatVersion");
        if (version != BundleLayout.FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported formatVersion " + version
                    + ", this verifier reads " + BundleLayout.FORMAT_VERSION);
        }
        JsonNode generator = object(root, "generator");
        JsonNode period = object(root, "period");
        BundleMetadata metadata = new BundleMetadata(text(generator, "name"), text(generator, "version"),
                text(root, "catalogueVersion"), time(period, "from"), time(period, "to"), time(root, "createdAt"));
        JsonNode list = root.get("files");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("missing array 'files'");
        }
        List<ManifestFile> files = new ArrayList<>(list.size());
        for (JsonNode file : list) {
            files.add(new ManifestFile(text(file, "path"), text(file, "sha256"), integer(file, "size"),
                    text(file, "mediaType")));
        }
        JsonNode kid = root.get("signingKeyId");
        if (kid != null && !kid.isTextual()) {
            throw new IllegalArgumentException("'signingKeyId' is not a string");
        }
        return new Manifest((int) version, metadata, kid == null ? null : kid.asText(), files);
    }

    private static Instant time(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an RFC 3339 UTC time", e);
        }
    }
}
