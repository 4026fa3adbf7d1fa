package dev.vigil.report.register;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Register items validated on data: what the API and CSV import accept, and every problem named at once. */
class ItemValidatorTest {
    static final ItemValidator VALIDATOR = new ItemValidator(
            Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    static Map<String, String> vendor() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", " Acme Mail ");
        v.put("criticality", "high");
        v.put("dataShared", "customer e-mail addresses");
        v.put("reportType", "soc2-type2");
        v.put("reportPeriodEnd", "2026-06-30");
        v.put("nextReviewDate", "2027-03-01");
        v.put("owner", "ops@acme.example");
        return v;
    }

    @Test
    void aCompleteVendorIsAcceptedTrimmedInTheRegistersOrder() {
        ValidItem item = VALIDATOR.validate(Register.VENDOR, "V-1", vendor(), "");
        assertThat(item.itemId()).isEqualTo("V-1");
        assertThat(item.retired()).isFalse();
        assertThat(item.fields()).containsExactly(Map.entry("name", "Acme Mail"), Map.entry("criticality", "high"),
                Map.entry("dataShared", "customer e-mail addresses"), Map.entry("reportType", "soc2-type2"),
                Map.entry("reportPeriodEnd", "2026-06-30"), Map.entry("nextReviewDate", "2027-03-01"),
                Map.entry("owner", "ops@acme.example"));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, String> bad = vendor();
        bad.put("criticality", "extreme");
        bad.put("reportPeriodEnd", "");
        bad.put("nextReviewDate", "next year");
        bad.put("owner", " ");
        bad.put("colour", "blue");
        bad.put("retired", "maybe");
        assertThatThrownBy(() -> VALIDATOR.validate(Register.VENDOR, "bad id!", bad, "line 3: "))
                .isInstanceOfSatisfying(InvalidItemException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 3: itemId 'bad id!' must be 1 to 64 letters, digits, '.', '_' or '-'",
                        "line 3: unknown field 'colour'; a vendor has [criticality, dataShared, name, "
                                + "nextReviewDate, owner, reportPeriodEnd, reportType, retired]",
                        "line 3: criticality 'extreme' is not one of [critical, high, low, medium]",
                        "line 3: nextReviewDate 'next year' is not an ISO date (YYYY-MM-DD)",
                        "line 3: owner is required",
                        "line 3: retired 'maybe' is not true or false",
                        "line 3: reportType and reportPeriodEnd go together: a report on file has a period end"));
    }

    @Test
    void scoresAreOneToFiveAndDatesOfThingsDoneAreNotInTheFuture() {
        Map<String, String> risk = new HashMap<>(Map.of("title", "Payroll fraud", "category", "fraud",
                "likelihood", "2", "impact", "5", "treatment", "mitigate", "owner", "cfo", "reviewedOn", "2026-12-06"));
        ValidItem ok = VALIDATOR.validate(Register.RISK, "R-1", Map.of("title", "t", "category", "fraud",
                "likelihood", "2", "impact", "5", "treatment", "accept", "owner", "cfo"), "");
        assertThat(ok.fields()).containsEntry("likelihood", 2).containsEntry("reviewedOn", null);
        risk.put("impact", "6");
        assertThatThrownBy(() -> VALIDATOR.validate(Register.RISK, "R-1", risk, ""))
                .isInstanceOfSatisfying(InvalidItemException.class, e -> assertThat(e.problems()).containsExactly(
                        "impact '6' is not a whole number from 1 to 5", "reviewedOn 2026-12-06 is in the future"));
        // a next review date is meant to be in the future; a date that is today somewhere on earth is not
        assertThat(VALIDATOR.validate(Register.INCIDENT, "INC-1", Map.of("title", "t", "severity", "low",
                "openedOn", "2026-12-05"), "").fields()).containsEntry("openedOn", "2026-12-05");
    }

    @Test
    void anIncidentClosesAfterItOpenedAndCanBeRetired() {
        assertThatThrownBy(() -> VALIDATOR.validate(Register.INCIDENT, "INC-1", Map.of("title", "t",
                "severity", "low", "openedOn", "2026-11-05", "closedOn", "2026-11-04"), ""))
                .isInstanceOfSatisfying(InvalidItemException.class, e -> assertThat(e.problems())
                        .containsExactly("closedOn 2026-11-04 is before openedOn 2026-11-05"));
        assertThat(VALIDATOR.validate(Register.INCIDENT, "INC-1", Map.of("title", "t", "severity", "low",
                "openedOn", "2026-11-05", "retired", "TRUE"), "").retired()).isTrue();
    }

    @Test
    void itemChangesAreDecidedFromTheCurrentVersion() {
        ValidItem v1 = VALIDATOR.validate(Register.VENDOR, "V-1", vendor(), "");
        var current = new dev.vigil.common.evidence.RegisterEvidence.Item("vendor", "V-1", 1, false, v1.fields(),
                "engineer", Instant.parse("2026-12-01T00:00:00Z"), "ab");
        assertThat(ItemChange.of(null, v1)).isEqualTo(ItemChange.CREATED);
        assertThat(ItemChange.of(current, v1)).isNull();
        Map<String, String> later = vendor();
        later.put("nextReviewDate", "2027-04-01");
        assertThat(ItemChange.of(current, VALIDATOR.validate(Register.VENDOR, "V-1", later, "")))
                .isEqualTo(ItemChange.UPDATED);
        later.put("retired", "true");
        assertThat(ItemChange.of(current, VALIDATOR.validate(Register.VENDOR, "V-1", later, "")))
                .isEqualTo(ItemChange.RETIRED);
        assertThat(List.of(ItemChange.values())).extracting(ItemChange::column)
                .containsExactly("created", "updated", "retired", "reinstated");
    }
}
