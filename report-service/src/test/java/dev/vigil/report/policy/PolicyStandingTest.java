package dev.vigil.report.policy;

import dev.vigil.common.evidence.PolicyEvidence;
import dev.vigil.report.linked.ActivePerson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyStandingTest {
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    static final PolicyVersion V1 = new PolicyVersion("cm", 1, "aa".repeat(32), LocalDate.parse("2026-10-01"), "eng",
            T, "cto", T);
    static final PolicyVersion V2 = new PolicyVersion("cm", 2, "bb".repeat(32), LocalDate.parse("2026-11-01"), "eng",
            T, "cto", T);
    static final PolicyVersion V3_DRAFT = new PolicyVersion("cm", 3, "cc".repeat(32), LocalDate.parse("2026-12-01"),
            "eng", T, null, null);

    @Test
    void theCurrentVersionIsTheLatestApprovedOneNotANewerDraft() {
        assertThat(PolicyStanding.current(List.of(V1, V2, V3_DRAFT))).contains(V2);
        assertThat(PolicyStanding.current(List.of(V3_DRAFT))).isEmpty();
    }

    @Test
    void onlyAcknowledgementsOfTheCurrentVersionCountAndAJoinerIsDueFromTheDayFirstSeen() {
        List<Acknowledgement> acks = List.of(
                new Acknowledgement("cm", 1, "bob@acme.example", T, "hr", T, Acknowledgement.CSV),
                new Acknowledgement("cm", 2, "ann@acme.example", T.plusSeconds(86400), "ann@acme.example", T,
                        Acknowledgement.SELF));
        List<ActivePerson> people = List.of(new ActivePerson("Bob@Acme.example", Instant.parse("2025-01-01T00:00:00Z")),
                new ActivePerson("ann@acme.example", Instant.parse("2025-01-01T00:00:00Z")),
                new ActivePerson("new@acme.example", Instant.parse("2026-11-20T08:00:00Z")));
        List<PolicyStanding.PersonStanding> standing = PolicyStanding.people(Optional.of(V2), acks, people, 30);
        assertThat(standing).containsExactly(
                new PolicyStanding.PersonStanding("ann@acme.example", LocalDate.parse("2025-01-01"),
                        T.plusSeconds(86400), "self", LocalDate.parse("2026-12-01")),
                new PolicyStanding.PersonStanding("bob@acme.example", LocalDate.parse("2025-01-01"), null, null,
                        LocalDate.parse("2026-12-01")),
                new PolicyStanding.PersonStanding("new@acme.example", LocalDate.parse("2026-11-20"), null, null,
                        LocalDate.parse("2026-12-20")));
        assertThat(PolicyStanding.people(Optional.of(V2), acks, null, 30)).isNull();
    }

    @Test
    void theObservationCarriesTheApprovalAndThePeopleOrWhyTheyAreMissing() {
        Policy policy = new Policy("cm", 1, "Change management", "cto", List.of("CM-13"), "eng", T);
        List<PolicyStanding.PersonStanding> standing = PolicyStanding.people(Optional.of(V2), List.of(),
                List.of(new ActivePerson("ann@acme.example", null)), 30);
        PolicyEvidence.Observation o = PolicyStanding.observation(policy, Optional.of(V2), standing, null, 30, "s");
        assertThat(o.current()).isEqualTo(new PolicyEvidence.Approved(2, "cto", T, LocalDate.parse("2026-11-01"),
                "bb".repeat(32)));
        assertThat(o.people()).containsExactly(new PolicyEvidence.Person("ann@acme.example", null, null));
        PolicyEvidence.Observation unread = PolicyStanding.observation(policy, Optional.empty(), null, "evaluator down",
                30, "s");
        assertThat(unread.current()).isNull();
        assertThat(unread.people()).isNull();
        assertThat(unread.peopleUnavailable()).isEqualTo("evaluator down");
    }
}
