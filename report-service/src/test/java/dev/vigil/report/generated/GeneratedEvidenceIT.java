package dev.vigil.report.generated;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestEventKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * Generated documents against a real Kafka broker and a real PostgreSQL, the evaluator's resources and coverage
 * played by {@link EvaluatorResourcesStandIn}: each document the collected data fully shows is stored by sha256 and
 * published as signed document evidence marked generated, with its sources; a collection that did not complete or a
 * system never collected generates nothing and says why; asking again the same day generates nothing new.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(EvaluatorResourcesStandIn.class)
class GeneratedEvidenceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    EvidenceStore store;

    private KafkaTestClient kafka;
    private KafkaTestClient.Tail evidence;

    @BeforeEach
    void startFresh() {
        TestUsers.signInAs(TestUsers.ENGINEER);
        // the database outlives test runs: today's snapshots of an earlier run would read "unchanged"
        QuarkusTransaction.requiringNew().run(() -> GeneratedRecord.deleteAll());
        kafka = KafkaTestClient.forTestBroker();
        evidence = kafka.tailFromNow(Topics.EVIDENCE);
    }

    @AfterEach
    void close() {
        evidence.close();
        kafka.close();
    }

    @Test
    void whatTheCollectedDataShowsIsGeneratedAsSignedDocumentEvidenceAndTheRestSaysWhyNot() throws Exception {
        JsonPath outcomes = given().post("/api/evidence/generated").then().statusCode(200).extract().jsonPath();
        Map<String, String> results = outcomes.getMap("collectEntries { [it.generator, it.result] }");
        assertThat(results).containsExactlyInAnyOrderEntriesOf(Map.of("AdminAccessList", "generated",
                "BackupEncryptionConfiguration", "skipped", "FirewallConfiguration", "generated",
                "PasswordPolicyConfiguration", "skipped", "RepositoryAccessList", "generated"));
        assertThat(outcomes.getString("find { it.generator == 'BackupEncryptionConfiguration' }.reason"))
                .isEqualTo("the last collection of aws.rds.instance from vigil://aws/111122223333 is PARTIAL, "
                        + "not COMPLETED");
        assertThat(outcomes.getString("find { it.generator == 'PasswordPolicyConfiguration' }.reason"))
                .isEqualTo("none of aws.iam.password-policy, okta.password-policy, google.password-policy was ever "
                        + "collected");

        String sha = outcomes.getString("find { it.generator == 'AdminAccessList' }.sha256");
        String key = "manual:LS-14:admin-access-list:" + sha;
        ConsumerRecord<String, String> record = published(key);
        assertThat(TestEventKeys.verifier().verify(record.value().getBytes(StandardCharsets.UTF_8),
                record.headers().lastHeader("vigil-signature").value(),
                record.headers().lastHeader("vigil-key-id").value()).verified()).isTrue();
        EvidenceEvent event = EventCodec.decodeEvidence(record.value());
        assertThat(event.resourceType()).isEqualTo("manual.document");
        assertThat(event.source().uri()).isEqualTo("vigil://manual/generated");
        assertThat(event.facts()).containsEntry("controlId", "LS-14").containsEntry("documentType", "admin-access-list")
                .containsEntry("effectiveDate", TODAY).containsEntry("generatedBy", "vigil")
                .containsEntry("generator", "AdminAccessList").containsEntry("approver", null)
                .containsEntry("entryCount", 4).containsEntry("notCollected", List.of())
                .containsEntry("sourceEvidenceIds", List.of(
                        "sha256:5e0c4a1b7f9d8c6e3a2f1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e",
                        "sha256:9c4a8e5f1d3b2a0c7e6d5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c",
                        "sha256:6f1d5b2c8a0e9d7f4b3a2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f",
                        "sha256:7a2e6c3d9b1f0e8a5c4b3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
                        "sha256:3c8a2e9f5d7b6a4c1e0d9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c",
                        "sha256:4d9b3f0a6e8c7b5d2f1e0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d"));
        assertThat(event.provenance().responseSha256()).isEqualTo(sha);
        assertThat(event.provenance().operation()).isEqualTo("generate");

        // the document itself, by its sha256: the evidence store and the API serve the same bytes
        String stored = new String(store.get(sha).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"account\":\"alice@acme-demo.example\",\"role\":\"SUPER_ADMIN\"",
                "\"account\":\"user/alice.admin\"", "\"account\":\"alice-acme\",\"role\":\"organization owner\"",
                "\"account\":\"jo-contractor\",\"role\":\"admin of repository acme-demo/infra-terraform (outside collaborator)\"",
                "\"responseSha256\":\"6d4f2b8c0e3a5c7d9f1b2e4a6c8d0f2a3b5d7e9f1c3a5b7d9e0f2c4a6b8d1e3f\"");
        assertThat(given().get("/api/evidence/generated/" + sha).then().statusCode(200).extract().asString())
                .isEqualTo(stored);
        // a security group out of scope (deleted) is in no firewall configuration
        String firewall = outcomes.getString("find { it.generator == 'FirewallConfiguration' }.sha256");
        assertThat(new String(store.get(firewall).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"groupName\":\"bastion\"").doesNotContain("deleted-last-month");

        // listed as generated, not uploaded
        given().get("/api/evidence/generated?controlId=LS-14").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].generatedBy", equalTo("vigil"))
                .body("[0].generator", equalTo("AdminAccessList")).body("[0].sha256", equalTo(sha))
                .body("[0].evidenceId", equalTo(event.id())).body("[0].entryCount", equalTo(4))
                .body("[0].sourceCount", equalTo(6)).body("[0].effectiveDate", equalTo(TODAY));

        // the same sources the same day: nothing new
        given().post("/api/evidence/generated").then().statusCode(200)
                .body("findAll { it.result != 'skipped' }.result", everyItem(equalTo("unchanged")))
                .body("find { it.generator == 'AdminAccessList' }.sha256", equalTo(sha));
        given().get("/api/evidence/generated").then().statusCode(200).body("size()", equalTo(3));
    }

    @Test
    void badRequestsAreAnsweredWithAClearError() {
        given().get("/api/evidence/generated/" + "0".repeat(64)).then().statusCode(404)
                .body("error", equalTo("no generated document with sha256 " + "0".repeat(64)));
        given().get("/api/evidence/generated/not-a-sha").then().statusCode(400)
                .body("error", equalTo("'not-a-sha' is not a lower-case hex sha256"));
        given().get("/api/evidence/generated?controlId=XX-99").then().statusCode(404);
        TestUsers.as(TestUsers.AUDITOR).post("/api/evidence/generated").then().statusCode(403);
    }

    private ConsumerRecord<String, String> published(String key) {
        List<ConsumerRecord<String, String>> records = evidence.awaitAny(r -> key.equals(r.key()), WAIT);
        return records.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
}
