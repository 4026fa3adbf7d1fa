package dev.vigil.report.generated;

import dev.vigil.common.evidence.CanonicalJson;
import dev.vigil.common.evidence.Redactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A generated document: a dated snapshot of what the collected evidence shows, as canonical JSON (JCS), citing every
 * resource it was built from with its evidence id, the sha256 of its raw response and when it was observed.
 * {@code contentSha256} covers the entries alone: the same entries on the same day are the same snapshot, however
 * often the sources were observed again since.
 */
public record GeneratedDocument(String generator, String controlId, String documentType, LocalDate effectiveDate,
                                List<Map<String, Object>> entries, List<SourceResource> sources,
                                Set<String> notCollected, String contentSha256, byte[] json) {
    public static final String GENERATED_BY = "vigil";

    /** @throws IncompleteSourceException when the data cannot show the whole document */
    public static GeneratedDocument of(DocumentGenerator generator, SourceData data, LocalDate effectiveDate) {
        // Facts arrive redacted; the net runs again so nothing a generator joins can carry a secret into the store.
        List<Map<String, Object>> entries = generator.entries(data).stream().map(Redactor::redactFacts).toList();
        List<SourceResource> sources = new ArrayList<>();
        for (String type : generator.resourceTypes()) {
            sources.addAll(data.of(type));
        }
        sources.sort(Comparator.comparing(SourceResource::resourceKey));
        Set<String> notCollected = new TreeSet<>(data.notCollected());
        notCollected.retainAll(generator.resourceTypes());
        if (notCollected.size() == generator.resourceTypes().size()) {
            throw new IncompleteSourceException("none of " + String.join(", ", generator.resourceTypes())
                    + " was ever collected");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("document", generator.documentType());
        doc.put("controlId", generator.controlId());
        doc.put("effectiveDate", effectiveDate.toString());
        doc.put("generatedBy", GENERATED_BY);
        doc.put("generator", generator.name());
        doc.put("describes", generator.describes());
        doc.put("notCollected", List.copyOf(notCollected));
        doc.put("entries", entries);
        List<Map<String, Object>> cited = new ArrayList<>();
        for (SourceResource s : sources) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("resourceKey", s.resourceKey());
            c.put("resourceType", s.resourceType());
            c.put("evidenceId", s.evidenceId());
            c.put("responseSha256", s.responseSha256());
            c.put("observedAt", s.observedAt() == null ? null : s.observedAt().toString());
            cited.add(c);
        }
        doc.put("sources", cited);
        String content = sha256(CanonicalJson.write(Map.of("effectiveDate", effectiveDate.toString(),
                "entries", entries, "notCollected", List.copyOf(notCollected))));
        return new GeneratedDocument(generator.name(), generator.controlId(), generator.documentType(), effectiveDate,
                entries, List.copyOf(sources), notCollected, content,
                CanonicalJson.write(doc).getBytes(StandardCharsets.UTF_8));
    }

    public List<String> sourceEvidenceIds() {
        return sources.stream().map(SourceResource::evidenceId).distinct().toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
