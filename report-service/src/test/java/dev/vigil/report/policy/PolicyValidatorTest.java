package dev.vigil.report.policy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyValidatorTest {
    static final Set<String> BACKABLE = Set.of("CM-13", "DS-01", "DS-06");
    final PolicyValidator validator = new PolicyValidator(Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void aPolicyNamesItsTitleOwnerAndTheControlsItBacks() {
        PolicyValidator.ValidPolicy p = validator.policy("change-management", Map.of("title", " Change management ",
                "owner", "cto@acme.example", "controls", List.of("DS-01", "CM-13", "CM-13")), BACKABLE);
        assertThat(p).isEqualTo(new PolicyValidator.ValidPolicy("change-management", "Change management",
                "cto@acme.example", List.of("CM-13", "DS-01")));
        assertThat(validator.policy("p", Map.of("title", "t", "owner", "o", "controls", "DS-06, CM-13"), BACKABLE)
                .controls()).containsExactly("CM-13", "DS-06");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> validator.policy("bad id!", Map.of("controls", List.of("LS-01")), BACKABLE))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.problems()).containsExactly(
                        "the policy id must be 1 to 64 letters, digits, '.', '_' or '-'",
                        "title is required",
                        "owner is required",
                        "control 'LS-01' cannot be backed by a policy; these can: CM-13, DS-01, DS-06"));
        assertThatThrownBy(() -> validator.policy("p", Map.of("title", "t", "owner", "o", "controls", List.of()),
                BACKABLE)).hasMessage("controls is required: the controls this policy backs (CM-13, DS-01, DS-06)");
    }

    @Test
    void aVersionIsItsTextOrAnUploadedDocumentWithTheDayItTakesEffect() {
        assertThat(validator.version(Map.of("text", "Changes are reviewed.", "effectiveDate", "2026-12-01")))
                .isEqualTo(new PolicyValidator.ValidVersion("Changes are reviewed.", null, LocalDate.of(2026, 12, 1)));
        assertThat(validator.version(Map.of("documentSha256", "ab".repeat(32), "effectiveDate", "2027-01-01"))
                .documentSha256()).isEqualTo("ab".repeat(32));
        assertThatThrownBy(() -> validator.version(Map.of("text", "x", "documentSha256", "ab".repeat(32))))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.problems()).containsExactly(
                        "give either text (the policy itself) or documentSha256 (a document already uploaded), not"
                                + " both and not neither",
                        "effectiveDate is required (YYYY-MM-DD): the day people are to follow this version"));
        Map<String, Object> badSha = new HashMap<>(Map.of("documentSha256", "AB12", "effectiveDate", "1 Dec"));
        assertThatThrownBy(() -> validator.version(badSha)).hasMessage("documentSha256 must be 64 lower-case"
                + " hexadecimal digits; effectiveDate '1 Dec' is not a date (YYYY-MM-DD)");
    }

    @Test
    void anAcknowledgementIsNeverInTheFuture() {
        List<String> problems = new ArrayList<>();
        assertThat(validator.acknowledgedAt("2026-12-04", "", problems)).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        // the 5th has begun east of UTC+12: today anywhere on earth is allowed
        assertThat(validator.acknowledgedAt("2026-12-05", "", problems)).isNotNull();
        assertThat(validator.acknowledgedAt("2026-12-03T09:30:00Z", "", problems)).isNotNull();
        assertThat(problems).isEmpty();
        assertThat(validator.acknowledgedAt("2026-12-06", "line 3: ", problems)).isNull();
        assertThat(validator.acknowledgedAt("yesterday", "line 4: ", problems)).isNull();
        assertThat(PolicyValidator.person(" Ann@Acme.example ", "", problems)).isEqualTo("ann@acme.example");
        assertThat(PolicyValidator.person("ann smith", "line 5: ", problems)).isNull();
        assertThat(problems).containsExactly("line 3: acknowledgedAt 2026-12-06 is in the future",
                "line 4: acknowledgedAt 'yesterday' is not a date (YYYY-MM-DD) or an ISO instant",
                "line 5: person 'ann smith' is not an address");
    }
}
