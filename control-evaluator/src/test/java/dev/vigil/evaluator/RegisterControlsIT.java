package dev.vigil.evaluator;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RegisterEvidence;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Register items as report-service publishes them ({@link RegisterEvidence}, the same code), through a real Kafka
 * broker into the evaluator and its PostgreSQL: an overdue vendor review fails TPM-03, the register read again on the
 * day after a review came due fails it with no edit to the item, and recording the review passes it again; a closed
 * critical incident without a root cause fails IR-02.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RegisterControlsIT extends ControlsFromEvidenceIT {

    static RegisterEvidence.Item vendor(int version, LocalDate nextReview) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Acme Mail");
        fields.put("criticality", "critical");
        fields.put("dataShared", "customer e-mail addresses");
        fields.put("reportType", "soc2-type2");
        fields.put("reportPeriodEnd", TODAY.minusMonths(3).toString());
        fields.put("nextReviewDate", nextReview.toString());
        fields.put("owner", "ops@acme.example");
        return new RegisterEvidence.Item("vendor", "V-1", version, false, fields, "engineer", Instant.now(),
                "ab".repeat(32));
    }

    void read(RegisterEvidence.Item item, LocalDate observedOn) {
        EvidenceEvent e = RegisterEvidence.event(item, observedOn, Instant.now(), UUID.randomUUID().toString(), "test");
        send(e);
    }

    @Test
    void anOverdueVendorReviewFailsTpm03UntilTheReviewIsRecorded() {
        read(vendor(1, TODAY.minusDays(3)), TODAY);
        ControlStatusEvent failed = awaitStatus("TPM-03", s -> s.status() == ControlStatus.FAIL);
        assertThat(failed.resourcesInScope()).isEqualTo(1);
        assertThat(failed.failingResources()).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("register:vendor:V-1");
            assertThat(f.ruleId()).isEqualTo("register.vendor-review-current");
            assertThat(f.reason()).isEqualTo("the review of vendor Acme Mail was due on " + TODAY.minusDays(3)
                    + ", 3 days overdue (register read on " + TODAY + ")");
            assertThat(f.provenance().operation()).isEqualTo("register:read");
        });

        read(vendor(2, TODAY.plusYears(1).minusDays(1)), TODAY); // the review was done: next one in a year
        awaitStatus("TPM-03", s -> s.status() == ControlStatus.PASS && s.resourcesInScope() == 1);
    }

    @Test
    void aReviewThatComesDueFailsWhenTheRegisterIsReadTheDayAfterWithNoEdit() {
        RegisterEvidence.Item dueToday = vendor(1, TODAY);
        read(dueToday, TODAY);
        awaitStatus("TPM-03", s -> s.status() == ControlStatus.PASS && s.resourcesInScope() == 1);
        read(dueToday, TODAY.plusDays(1)); // report-service's hourly read, once the day has turned
        ControlStatusEvent failed = awaitStatus("TPM-03", s -> s.status() == ControlStatus.FAIL);
        assertThat(failed.failingResources()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("1 days overdue"));
    }

    @Test
    void aClosedCriticalIncidentWithoutARootCauseFailsIr02() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "Leaked API key");
        fields.put("severity", "critical");
        fields.put("openedOn", TODAY.minusDays(10).toString());
        fields.put("closedOn", TODAY.minusDays(8).toString());
        fields.put("timeline", null);
        fields.put("rootCause", null);
        fields.put("disclosureEvaluation", "no customer data exposed");
        fields.put("reviewedOn", null);
        read(new RegisterEvidence.Item("incident", "INC-7", 1, false, fields, "engineer", Instant.now(),
                "cd".repeat(32)), TODAY);
        ControlStatusEvent failed = awaitStatus("IR-02", s -> s.status() == ControlStatus.FAIL);
        assertThat(failed.failingResources()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("incident INC-7 (Leaked API key), critical, closed without a root cause"));
        // IR-03 judges the same item: its disclosure was evaluated, and only the procedure document is missing
        awaitStatus("IR-03", s -> s.status() == ControlStatus.DOCUMENT_MISSING);
    }
}
