package dev.vigil.report.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * oscal/assessment-results.json: the period as an OSCAL 1.1 Assessment Results document, so a GRC tool can import
 * it. One result covers the period; each control has an observation pointing at its files in the bundle and a
 * finding that is {@code satisfied} only when it operated all period (no FAIL, no unknown time). UUIDs are derived
 * from the period and control, so the same period gives the same identifiers in every bundle.
 */
final class OscalAssessmentResults {
    static final String OSCAL_VERSION = "1.1.2";

    private OscalAssessmentResults() {
    }

    static Map<String, Object> of(BundleReport r) {
        String scope = r.period().from() + "/" + r.period().to();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Vigil continuous assessment, " + scope);
        metadata.put("last-modified", r.createdAt().toString());
        metadata.put("version", r.catalogueVersion());
        metadata.put("oscal-version", OSCAL_VERSION);

        List<Map<String, Object>> observations = new ArrayList<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        List<Map<String, Object>> reviewed = new ArrayList<>();
        for (BundleReport.ControlRow c : r.controls()) {
            String id = c.control().id();
            String controlId = id.toLowerCase(Locale.ROOT);
            reviewed.add(Map.of("control-id", controlId));
            String observation = uuid("observation", scope, id);
            Map<String, Object> obs = new LinkedHashMap<>();
            obs.put("uuid", observation);
            obs.put("title", id + " over the period");
            obs.put("description", String.format(Locale.ROOT, "%s was in PASS %.2f%% of the period, with %d exception(s) "
                            + "and %d gap(s); %d evidence item(s) observed.", id, c.summary().passShare() * 100,
                    c.summary().exceptions().size(), c.summary().gaps().size(), c.evidenceItems()));
            obs.put("methods", List.of("TEST"));
            obs.put("types", List.of("control-objective"));
            obs.put("collected", r.createdAt().toString());
            obs.put("relevant-evidence", List.of(
                    Map.of("href", c.folder() + "/status-history.json", "description", "Status history in the period"),
                    Map.of("href", c.folder() + "/evidence.jsonl", "description",
                            c.evidenceItems() + " evidence item(s) observed in the period, with provenance")));
            observations.add(obs);

            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("uuid", uuid("finding", scope, id));
            finding.put("title", id + " " + c.control().title());
            finding.put("description", c.control().description() == null ? c.control().title()
                    : c.control().description());
            finding.put("target", Map.of("type", "objective-id", "target-id", controlId + "_obj",
                    "status", Map.of("state", c.operatedThroughout() ? "satisfied" : "not-satisfied")));
            finding.put("related-observations", List.of(Map.of("observation-uuid", observation)));
            findings.add(finding);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("uuid", uuid("result", scope, ""));
        result.put("title", "Continuous evaluation of the Vigil catalogue " + r.catalogueVersion());
        result.put("description", "Every control of the catalogue, evaluated continuously over the period.");
        result.put("start", r.period().from().toString());
        result.put("end", r.period().to().toString());
        result.put("reviewed-controls", Map.of("control-selections", List.of(Map.of("include-controls", reviewed))));
        result.put("observations", observations);
        result.put("findings", findings);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("uuid", uuid("assessment-results", scope, r.createdAt().toString()));
        document.put("metadata", metadata);
        document.put("import-ap", Map.of("href", "urn:vigil:catalogue:" + r.catalogueVersion()));
        document.put("results", List.of(result));
        return Map.of("assessment-results", document);
    }

    private static String uuid(String kind, String scope, String id) {
        return UUID.nameUUIDFromBytes((kind + "|" + scope + "|" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
