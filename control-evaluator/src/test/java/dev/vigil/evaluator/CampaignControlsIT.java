package dev.vigil.evaluator;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import static org.assertj.core.api.Assertions.assertThat;
import dev.vigil.common.evidence.CampaignEvidence;

/**
 * Access review campaigns as report-service publishes them ({@link CampaignEvidence}, the same code), through a real
 * Kafka broker into the evaluator and its PostgreSQL: a completed campaign with its review document passes CM-01, a
 * campaign left open past its due date fails it naming the campaign, read again with no edit; the resources API
 * answers the collected accounts campaigns are generated from.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CampaignControlsIT extends ControlsFromEvidenceIT {

    static CampaignEvidence.Campaign campaign(String id, LocalDate opened, LocalDate completed, String... states) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            items.add(Map.of("itemId", i + 1, "account", "user" + i, "privilege", "admin on acme/api",
                    "state", states[i], "decidedBy", "carol"));
        }
        return new CampaignEvidence.Campaign("CM-01", id, 2, opened, opened.plusDays(91), completed, "engineer", null,
                items, "ab".repeat(32));
    }

    void read(CampaignEvidence.Campaign c, LocalDate observedOn) {
        EvidenceEvent e = CampaignEvidence.event(c, observedOn, Instant.now(), UUID.randomUUID().toString(), "test");
        send(e);
    }

    @Test
    void aCompletedCampaignAndItsReviewDocumentPassCm01() {
        read(campaign("c-done", TODAY.minusDays(20), TODAY.minusDays(2), "kept", "revoked-confirmed"), TODAY);
        // the rules pass; the review document (which report-service publishes on completion) is still to come
        awaitStatus("CM-01", s -> s.status() == ControlStatus.DOCUMENT_MISSING
                && s.reason().startsWith("rules pass on 1 resource(s) in scope"));
        EvidenceEvent doc = EvaluatorIT.document("CM-01", "access-review", TODAY.minusDays(2));
        send(doc);
        awaitStatus("CM-01", s -> s.status() == ControlStatus.PASS);
    }

    @Test
    void aCampaignOpenPastItsDueDateFailsCm01NamingItWithNoEdit() {
        CampaignEvidence.Campaign open = campaign("c-late", TODAY.minusDays(91), null, "kept", "pending",
                "revoke-requested");
        read(open, TODAY); // due today: in progress
        awaitStatus("CM-01", s -> s.status() == ControlStatus.DOCUMENT_MISSING
                && s.reason().startsWith("rules pass on 0 resource(s) in scope"));
        read(open, TODAY.plusDays(1)); // report-service's hourly read, once the day has turned
        ControlStatusEvent failed = awaitStatus("CM-01", s -> s.status() == ControlStatus.FAIL);
        assertThat(failed.failingResources()).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("review:campaign:CM-01:c-late");
            assertThat(f.ruleId()).isEqualTo("review.cm-01-campaign-completed-in-window");
            assertThat(f.reason()).isEqualTo("access review c-late of CM-01 was due on " + TODAY + ", 1 days overdue "
                    + "(read on " + TODAY.plusDays(1) + "): 1 of 3 access(es) not decided, 1 revoke(s) not yet "
                    + "confirmed gone by a collection");
            assertThat(f.provenance().operation()).isEqualTo("review:read");
        });
    }

    @Test
    void theResourcesApiAnswersTheCollectedAccountsWithTheirFacts() {
        EvidenceEvent member = EvidenceEvent.of(new dev.vigil.common.evidence.SourceRef("github", "acme"),
                "github.member", "github:acme:member:eve", Instant.now(), UUID.randomUUID().toString(),
                Map.of("login", "eve", "role", "outside_collaborator"),
                new dev.vigil.common.evidence.Provenance("GET /orgs/acme/members", Map.of(), null, "cd".repeat(32),
                        "github-members", "test"));
        send(member);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.given()
                .queryParam("type", "github.member").queryParam("type", "okta.user")
                .queryParam("inScope", true).queryParam("facts", true)
                .get("/api/resources").then().statusCode(200)
                .body("resourceKey", org.hamcrest.Matchers.contains("github:acme:member:eve"))
                .body("[0].inScope", org.hamcrest.Matchers.equalTo(true))
                .body("[0].facts.role", org.hamcrest.Matchers.equalTo("outside_collaborator"))
                .body("[0].evidenceId", org.hamcrest.Matchers.equalTo(member.id())));
    }
}
