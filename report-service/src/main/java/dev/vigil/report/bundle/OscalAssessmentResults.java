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
 * finding that is {@code satisfied} only when it operated all period (no FAIL, no unknown time). Each risk acceptance
 * in force in the period is a risk with status {@code deviation-approved}, its requester and approver as properties,
 * related to its control's finding. UUIDs are derived from the period and control (or acceptance), so the same period
 * gives the same identifiers in every bundle.
 */
final class OscalAssessmentResults {
    static final String OSCAL_VERSION = "1.1.2";
    /** The namespace of Vigil's own OSCAL properties. */
    static final String NS = "https://vigil.dev/ns/oscal";

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
        List<Map<String, Object>> risks = new ArrayList<>();
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
            List<Map<String, Object>> related = new ArrayList<>();
            for (AcceptedException a : c.accepted()) {
                Map<String, Object> risk = risk(scope, id, a, observation);
                risks.add(risk);
                related.add(Map.of("risk-uuid", risk.get("uuid")));
            }
            if (!related.isEmpty()) {
                finding.put("related-risks", related);
            }
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
        if (!risks.isEmpty()) {
            result.put("risks", risks);
        }

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("uuid", uuid("assessment-results", scope, r.createdAt().toString()));
        document.put("metadata", metadata);
        document.put("import-ap", Map.of("href", "urn:vigil:catalogue:" + r.catalogueVersion()));
        document.put("results", List.of(result));
        return Map.of("assessment-results", document);
    }

    /** A risk acceptance as an OSCAL risk: accepted (deviation approved) by its approver at its requester's request. */
    private static Map<String, Object> risk(String scope, String controlId, AcceptedException a, String observation) {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("uuid", uuid("risk", scope, a.id()));
        risk.put("title", controlId + " risk acceptance " + a.id()
                + (a.resourceKey() == null ? "" : " for " + a.resourceKey()));
        risk.put("description", a.justification() == null ? "(no justification recorded)" : a.justification());
        risk.put("statement", "Accepted from " + a.createdAt() + " until " + a.endedAt() + ", " + a.whoAccepted()
                + (a.whoRevoked() == null ? "" : "; " + a.whoRevoked()) + ".");
        List<Map<String, Object>> props = new ArrayList<>();
        props.add(prop("exception-id", a.id()));
        props.add(prop("requested-by", a.requestedBy() != null ? a.requestedBy() : a.owner()));
        if (a.approvedBy() != null) {
            props.add(prop("approved-by", a.approvedBy()));
        }
        if (a.revokedAt() != null) {
            props.add(prop("revoked-by", a.revokedBy()));
            if (a.revocationApprovedBy() != null) {
                props.add(prop("revocation-approved-by", a.revocationApprovedBy()));
            }
        }
        risk.put("props", props);
        risk.put("status", "deviation-approved");
        risk.put("deadline", a.endedAt().toString());
        risk.put("related-observations", List.of(Map.of("observation-uuid", observation)));
        return risk;
    }

    private static Map<String, Object> prop(String name, String value) {
        return Map.of("name", name, "ns", NS, "value", value);
    }

    private static String uuid(String kind, String scope, String id) {
        return UUID.nameUUIDFromBytes((kind + "|" + scope + "|" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
