package dev.vigil.evaluator.rules;

import dev.vigil.common.evidence.PolicyEvidence;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy rules on facts built exactly as report-service publishes a policy ({@link PolicyEvidence#facts}). */
class PolicyRulesTest {
    static final LocalDate EFFECTIVE = LocalDate.parse("2026-11-01");
    static final PolicyEvidence.Approved V2 = new PolicyEvidence.Approved(2, "cto@acme.example",
            Instant.parse("2026-10-30T09:00:00Z"), EFFECTIVE, "ab".repeat(32));

    private final Rule cm13 = new ChangeManagementPolicyAcknowledged();

    static Map<String, Object> policy(List<String> controls, PolicyEvidence.Approved current,
                                      List<PolicyEvidence.Person> people, String observedOn) {
        return PolicyEvidence.facts(new PolicyEvidence.Observation("change-management", "Change management policy",
                "cto@acme.example", controls, current, 30, people, people == null ? "evaluator down" : null,
                "cd".repeat(32)), LocalDate.parse(observedOn));
    }

    static PolicyEvidence.Person person(String email, String activeSince, String acknowledgedOn) {
        return new PolicyEvidence.Person(email, activeSince == null ? null : LocalDate.parse(activeSince),
                acknowledgedOn == null ? null : LocalDate.parse(acknowledgedOn));
    }

    private Verdict judge(Map<String, Object> facts) {
        return cm13.evaluate(new Facts(facts));
    }

    @Test
    void everyActivePersonAcknowledgedPasses() {
        Verdict v = judge(policy(List.of("CM-13"), V2, List.of(person("ann@acme.example", "2025-01-01", "2026-11-03"),
                person("bob@acme.example", null, "2026-12-20")), "2026-12-24"));
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.reason()).isEqualTo("policy change-management (Change management policy) version 2 (approved by"
                + " cto@acme.example, effective 2026-11-01): acknowledged by 2 of 2 active people");
    }

    @Test
    void aPersonWhoDidNotAcknowledgeWithinTheWindowFailsByName() {
        // due 30 days after the effective date: 1 December is the last day, 2 December fails
        Map<String, Object> lastDay = policy(List.of("CM-13"), V2, List.of(person("ann@acme.example", "2025-01-01",
                "2026-11-03"), person("bob@acme.example", "2025-06-01", null)), "2026-12-01");
        assertThat(judge(lastDay).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(lastDay).reason()).endsWith("acknowledged by 1 of 2 active people; still within their window:"
                + " bob@acme.example (due 2026-12-01)");
        Verdict v = judge(policy(List.of("CM-13"), V2, List.of(person("ann@acme.example", "2025-01-01", "2026-11-03"),
                person("bob@acme.example", "2025-06-01", null)), "2026-12-02"));
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).isEqualTo("policy change-management (Change management policy) version 2 (approved by"
                + " cto@acme.example, effective 2026-11-01) was not acknowledged within 30 days by 1 of 2 active"
                + " people: bob@acme.example (due 2026-12-01)");
    }

    @Test
    void aJoinerGetsTheSameGraceFromTheDayTheyWereFirstSeen() {
        List<PolicyEvidence.Person> people = List.of(person("new@acme.example", "2026-11-20", null));
        assertThat(judge(policy(List.of("CM-13"), V2, people, "2026-12-20")).outcome()).isEqualTo(Outcome.PASS);
        Verdict late = judge(policy(List.of("CM-13"), V2, people, "2026-12-21"));
        assertThat(late.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(late.reason()).endsWith("new@acme.example (due 2026-12-20)");
    }

    @Test
    void aPolicyWithoutAnApprovedVersionIsNotAPass() {
        Verdict v = judge(policy(List.of("CM-13"), null, List.of(person("ann@acme.example", null, null)),
                "2026-12-02"));
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).isEqualTo("policy change-management (Change management policy) has no approved version");
    }

    @Test
    void peopleThatCouldNotBeReadOrNobodyAtAllIsNeverAPass() {
        Verdict unread = judge(policy(List.of("CM-13"), V2, null, "2026-12-02"));
        assertThat(unread.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(unread.reason()).endsWith(": evaluator down");
        assertThat(judge(policy(List.of("CM-13"), V2, List.of(), "2026-12-02")).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void eachControlJudgesOnlyThePoliciesThatBackIt() {
        Map<String, Object> dataClassification = policy(List.of("DS-06"), null, List.of(), "2026-12-02");
        Verdict v = judge(dataClassification);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(v.reason()).endsWith("does not back CM-13");
        assertThat(new DataClassificationPolicyAcknowledged().evaluate(new Facts(dataClassification)).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(new RemovableMediaPolicyAcknowledged().id()).isEqualTo("policy.acknowledged-in-time.ds-01");
        // each control's policies are a resource type of their own: CM-13 never sees a policy that backs only DS-06
        assertThat(cm13.resourceType()).isEqualTo("policy.cm-13");
    }
}
