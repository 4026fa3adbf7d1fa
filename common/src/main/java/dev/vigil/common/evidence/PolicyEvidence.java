package dev.vigil.common.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence contract of a policy (report-service's policies, docs/policies.md): one resource per policy and control
 * it backs, of type {@code policy.<control, lower case>} and key {@code policy:<policy id>:<control>}, so that each
 * control is judged on its own policies only (a control no policy backs has no evidence, not a pass on nothing). Its
 * facts are the controls it backs, its current (latest
 * approved) version with who approved it and when it took effect, the acknowledgement window, and every person the
 * identity providers list as active with the day they are expected from and the day they acknowledged the current
 * version (null: not yet). The rule judges the window against {@code observedOn}, so reading the policy again on a
 * later day is what turns a missed acknowledgement into a failure. In common because the publisher (report-service)
 * and the evaluator's tests build the very same event.
 */
public final class PolicyEvidence {
    public static final String PROVIDER = "policies";
    public static final String OPERATION = "policy:read";
    public static final String VERSION_OPERATION = "policy:version";
    public static final String COLLECTOR = "report-service";
    public static final String RESOURCE_TYPE_PREFIX = "policy.";

    private PolicyEvidence() {
    }

    /** A policy's current approved version (null fields when it has none). */
    public record Approved(int version, String approvedBy, Instant approvedAt, LocalDate effectiveDate,
                           String documentSha256) {
    }

    /**
     * One active person: since when the identity providers list them (the day Vigil first saw them, or null when
     * unknown), and when they acknowledged the current version, if they did. The window runs from the later of the
     * version's effective date and {@code activeSince}, so a person who joined recently gets the same grace.
     */
    public record Person(String email, LocalDate activeSince, LocalDate acknowledgedOn) {
    }

    /**
     * What was read of one policy.
     *
     * @param people            the active people, or null when they could not be read ({@code peopleUnavailable}
     *                          says why): the rule then cannot pass
     * @param snapshotSha256    the observation as a document in the evidence store (policy, version, people)
     */
    public record Observation(String policyId, String title, String owner, List<String> controls, Approved current,
                              int acknowledgementDays, List<Person> people, String peopleUnavailable,
                              String snapshotSha256) {
    }

    public static SourceRef source() {
        return new SourceRef(PROVIDER, "policy");
    }

    /** The resource type of the policies that back one control: {@code policy.cm-13}. */
    public static String resourceType(String controlId) {
        return RESOURCE_TYPE_PREFIX + controlId.toLowerCase(Locale.ROOT);
    }

    public static String resourceKey(String policyId, String controlId) {
        return "policy:" + policyId + ":" + controlId;
    }

    /** The facts of one observation on {@code observedOn}: also the content of the snapshot document. */
    public static Map<String, Object> facts(Observation o, LocalDate observedOn) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("policyId", o.policyId());
        facts.put("title", o.title());
        facts.put("owner", o.owner());
        facts.put("controls", List.copyOf(o.controls()));
        Approved a = o.current();
        facts.put("version", a == null ? null : a.version());
        facts.put("approvedBy", a == null ? null : a.approvedBy());
        facts.put("approvedAt", a == null ? null : Times.micros(a.approvedAt()).toString());
        facts.put("effectiveDate", a == null ? null : a.effectiveDate().toString());
        facts.put("documentSha256", a == null ? null : a.documentSha256());
        facts.put("acknowledgementDays", o.acknowledgementDays());
        if (o.people() == null) {
            facts.put("people", null);
        } else {
            List<Map<String, Object>> people = new ArrayList<>();
            for (Person p : o.people()) {
                Map<String, Object> person = new LinkedHashMap<>();
                person.put("email", p.email());
                person.put("activeSince", p.activeSince() == null ? null : p.activeSince().toString());
                person.put("acknowledgedOn", p.acknowledgedOn() == null ? null : p.acknowledgedOn().toString());
                people.add(person);
            }
            facts.put("people", people);
        }
        facts.put("peopleUnavailable", o.peopleUnavailable());
        facts.put("observedOn", observedOn.toString());
        return facts;
    }

    /**
     * The policy as read on {@code observedOn}, as evidence for {@code controlId} (one it backs, or backed before a
     * revision: then its rule finds the policy no longer backs the control); its provenance cites the observation's
     * snapshot and, as supporting, the current version's document: both are in the evidence store, so a bundle
     * carries what people acknowledged.
     */
    public static EvidenceEvent event(Observation o, String controlId, LocalDate observedOn, Instant observedAt,
                                      String runId, String collectorVersion) {
        Approved a = o.current();
        List<Provenance.Citation> supporting = a == null ? List.of() : List.of(new Provenance.Citation(
                VERSION_OPERATION, Map.of("policyId", o.policyId(), "version", Integer.toString(a.version())), null,
                a.documentSha256()));
        Provenance provenance = new Provenance(OPERATION, Map.of("policyId", o.policyId()), null, o.snapshotSha256(),
                COLLECTOR, collectorVersion, supporting);
        return EvidenceEvent.of(source(), resourceType(controlId), resourceKey(o.policyId(), controlId), observedAt,
                runId, Redactor.redactFacts(facts(o, observedOn)), provenance);
    }
}
