package dev.vigil.evaluator;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.PolicyEvidence;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.SourceRef;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Policies as report-service publishes them ({@link PolicyEvidence}, the same code), through a real Kafka broker into
 * the evaluator and its PostgreSQL: a person who has not acknowledged the current version past the window fails
 * CM-13 by name, everyone acknowledged passes it (its document still missing: DOCUMENT_MISSING), a policy without an
 * approved version fails, and a policy backing CM-13 leaves DS-06 without evidence. The active people come from
 * {@code GET /api/people}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class PolicyControlsIT extends ControlsFromEvidenceIT {
    static final LocalDate EFFECTIVE = TODAY.minusDays(40);
    static final PolicyEvidence.Approved V1 = new PolicyEvidence.Approved(1, "cto@acme.example",
            Instant.now().minusSeconds(50 * 86400), EFFECTIVE, "ab".repeat(32));

    void read(PolicyEvidence.Approved current, List<PolicyEvidence.Person> people) {
        PolicyEvidence.Observation o = new PolicyEvidence.Observation("change-management", "Change management policy",
                "cto@acme.example", List.of("CM-13"), current, 30, people, null, "cd".repeat(32));
        EvidenceEvent e = PolicyEvidence.event(o, "CM-13", TODAY, Instant.now(), UUID.randomUUID().toString(), "test");
        send(e);
    }

    static PolicyEvidence.Person person(String email, LocalDate acknowledgedOn) {
        return new PolicyEvidence.Person(email, TODAY.minusYears(1), acknowledgedOn);
    }

    @Test
    void somebodyWhoHasNotAcknowledgedPastTheWindowFailsCm13UntilTheyDo() {
        read(V1, List.of(person("ann@acme.example", EFFECTIVE.plusDays(2)), person("bob@acme.example", null)));
        ControlStatusEvent failed = awaitStatus("CM-13", s -> s.status() == ControlStatus.FAIL);
        assertThat(failed.failingResources()).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("policy:change-management:CM-13");
            assertThat(f.ruleId()).isEqualTo("policy.acknowledged-in-time.cm-13");
            assertThat(f.reason()).isEqualTo("policy change-management (Change management policy) version 1 (approved"
                    + " by cto@acme.example, effective " + EFFECTIVE + ") was not acknowledged within 30 days by 1 of"
                    + " 2 active people: bob@acme.example (due " + EFFECTIVE.plusDays(30) + ")");
            assertThat(f.provenance().operation()).isEqualTo("policy:read");
            assertThat(f.provenance().supporting()).singleElement()
                    .satisfies(c -> assertThat(c.responseSha256()).isEqualTo("ab".repeat(32)));
        });

        read(V1, List.of(person("ann@acme.example", EFFECTIVE.plusDays(2)), person("bob@acme.example", TODAY)));
        // every rule passes; the approved methodology document was never uploaded, which the status says
        ControlStatusEvent passed = awaitStatus("CM-13", s -> s.status() == ControlStatus.DOCUMENT_MISSING);
        assertThat(passed.automated().status()).isEqualTo(ControlStatus.PASS);
        assertThat(passed.failingResources()).isEmpty();
    }

    @Test
    void aPolicyWithoutAnApprovedVersionFailsAndOtherControlsAreUntouched() throws Exception {
        read(null, List.of(person("ann@acme.example", null)));
        ControlStatusEvent failed = awaitStatus("CM-13", s -> s.status() == ControlStatus.FAIL);
        assertThat(failed.failingResources()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("policy change-management (Change management policy) has no approved version"));
        // DS-06 judges its own policies only: none back it, so its rules still have no evidence
        assertThat(statusOf("DS-06")).isIn(null, "NO_EVIDENCE");
    }

    @Test
    void theActivePeopleAreThoseTheIdentityProvidersListAsActive() {
        SourceRef okta = new SourceRef("okta", "people.okta.com");
        String run = UUID.randomUUID().toString();
        Instant started = Instant.now();
        Provenance prov = new Provenance("GET /api/v1/users", Map.of(), null, "cd".repeat(32), "okta-user-mfa", "test");
        Map<String, Object> leaver = new HashMap<>(Map.of("login", "lee@people.example", "email", "lee@people.example",
                "status", "DEPROVISIONED", "statusChanged", "2026-11-01T09:00:00.000Z", "factors", List.of()));
        leaver.put("lastLogin", null);
        send(EvidenceEvent.of(okta, "okta.user", "okta:people.okta.com:user:lee", Instant.now(), run, leaver, prov));
        send(EvidenceEvent.of(okta, "okta.user", "okta:people.okta.com:user:max", Instant.now(), run,
                Map.of("login", "max@people.example", "email", "Max@people.example", "status", "ACTIVE",
                        "factors", List.of()), prov));
        CollectionRunEvent done = new CollectionRunEvent(run, "okta-user-mfa", okta, RunState.COMPLETED, started,
                Instant.now(), List.of("okta.user"), Map.of("okta.user", 2L), List.of());
        kafka.sendEvent(Topics.COLLECTION_RUNS, done.key(), EventCodec.encode(done));

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/api/people").then().statusCode(200)
                .extract().jsonPath().getList("email", String.class)).containsExactly("max@people.example"));
        Instant firstSeen = Instant.parse(given().get("/api/people").then().extract().path("[0].firstSeenAt"));
        assertThat(firstSeen).isBetween(started.minusSeconds(60), Instant.now());
    }

    static String statusOf(String controlId) throws Exception {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var q = c.prepareStatement("SELECT status FROM evaluator.control_state WHERE control_id = ?")) {
            q.setString(1, controlId);
            try (var rows = q.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
