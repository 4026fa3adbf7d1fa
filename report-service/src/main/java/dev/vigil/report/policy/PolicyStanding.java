package dev.vigil.report.policy;

import dev.vigil.common.evidence.PolicyEvidence;
import dev.vigil.report.linked.ActivePerson;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a policy stands with its people, from what was recorded and whom the identity providers list: its current
 * version (the latest approved one; a newer draft changes nothing until approved), and for each active person the
 * day their window ends and whether they acknowledged that version. Plain data in, plain data out: this is what is
 * published as evidence, and the evaluator's rule judges it.
 */
public final class PolicyStanding {
    private PolicyStanding() {
    }

    /** One active person and the current version: acknowledged when, or due by when. */
    public record PersonStanding(String email, LocalDate activeSince, Instant acknowledgedAt, String via,
                                 LocalDate dueOn) {
    }

    public static Optional<PolicyVersion> current(List<PolicyVersion> versions) {
        return versions.stream().filter(PolicyVersion::approved).max(Comparator.comparingInt(PolicyVersion::version));
    }

    /**
     * @param people the active people, or null when they could not be read
     * @param acks   the policy's acknowledgements, of any version: only the current version's count
     */
    public static List<PersonStanding> people(Optional<PolicyVersion> current, List<Acknowledgement> acks,
                                              List<ActivePerson> people, int days) {
        if (people == null) {
            return null;
        }
        Map<String, Acknowledgement> ofCurrent = new HashMap<>();
        current.ifPresent(v -> acks.stream().filter(a -> a.version() == v.version())
                .forEach(a -> ofCurrent.put(a.person(), a)));
        return people.stream()
                .filter(p -> p.email() != null && !p.email().isBlank())
                .map(p -> {
                    String email = p.email().toLowerCase(Locale.ROOT);
                    LocalDate since = p.firstSeenAt() == null ? null
                            : LocalDate.ofInstant(p.firstSeenAt(), ZoneOffset.UTC);
                    Acknowledgement a = ofCurrent.get(email);
                    LocalDate due = current.map(v -> (since != null && since.isAfter(v.effectiveDate()) ? since
                            : v.effectiveDate()).plusDays(days)).orElse(null);
                    return new PersonStanding(email, since, a == null ? null : a.acknowledgedAt(),
                            a == null ? null : a.via(), due);
                })
                .sorted(Comparator.comparing(PersonStanding::email))
                .toList();
    }

    /** The observation to publish (without its snapshot's sha256, which is the sha256 of these very facts). */
    public static PolicyEvidence.Observation observation(Policy policy, Optional<PolicyVersion> current,
                                                         List<PersonStanding> people, String unavailable, int days,
                                                         String snapshotSha256) {
        PolicyEvidence.Approved approved = current.map(v -> new PolicyEvidence.Approved(v.version(), v.approvedBy(),
                v.approvedAt(), v.effectiveDate(), v.documentSha256())).orElse(null);
        List<PolicyEvidence.Person> persons = people == null ? null : people.stream()
                .map(p -> new PolicyEvidence.Person(p.email(), p.activeSince(), p.acknowledgedAt() == null ? null
                        : LocalDate.ofInstant(p.acknowledgedAt(), ZoneOffset.UTC)))
                .toList();
        return new PolicyEvidence.Observation(policy.policyId(), policy.title(), policy.owner(), policy.controls(),
                approved, days, persons, people == null ? unavailable : null, snapshotSha256);
    }
}
