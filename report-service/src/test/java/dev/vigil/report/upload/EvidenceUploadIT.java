package dev.vigil.report.upload;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Topics;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Uploads through the real HTTP endpoint, against a real Kafka broker and a real PostgreSQL: the evidence must
 * arrive on the evidence topic as the contract says, and the file must be in the evidence store under its sha256.
 * Every test uploads bytes of its own, so the tests hold against servers that already carry data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class EvidenceUploadIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    EvidenceStore store;

    private KafkaTestClient kafka;
    private KafkaTestClient.Tail evidence;

    @BeforeEach
    void tailEvidence() {
        kafka = KafkaTestClient.forTestBroker();
        evidence = kafka.tailFromNow(Topics.EVIDENCE);
    }

    @AfterEach
    void close() {
        evidence.close();
        kafka.close();
    }

    @Test
    void anUploadIsPublishedAsEvidenceAndStoredUnderItsSha256() {
        byte[] bytes = ("Customer DPA signed by Acme, " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String sha = Hashing.sha256Hex(bytes);
        String key = "manual:SOC2-S1-SECURITY-COMMITMENTS:customer-dpa:" + sha;

        Response created = form("SOC2-S1-SECURITY-COMMITMENTS", "customer-dpa", "2026-01-15")
                .multiPart("file", "acme-dpa.pdf", bytes, "application/pdf")
                .multiPart("uploadedBy", "sam@acme.example")
                .when().post("/api/evidence/uploads");
        created.then().statusCode(201)
                .header("Location", containsString("/api/evidence/uploads/" + sha))
                .body("sha256", equalTo(sha))
                .body("sizeBytes", equalTo(bytes.length))
                .body("evidenceId", startsWith("sha256:"))
                .body("resourceKey", equalTo(key));
        String evidenceId = created.path("evidenceId");

        ConsumerRecord<String, String> record = published(key);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        // signed with the service's event key, which the evaluator trusts
        assertThat(dev.vigil.stack.testing.TestEventKeys.verifier().verify(record.value().getBytes(StandardCharsets.UTF_8),
                record.headers().lastHeader("vigil-signature").value(),
                record.headers().lastHeader("vigil-key-id").value()).verified()).isTrue();
        EvidenceEvent event = EventCodec.decodeEvidence(record.value());
        assertThat(event.id()).isEqualTo(evidenceId);
        assertThat(event.source().uri()).isEqualTo("vigil://manual/uploads");
        assertThat(event.resourceType()).isEqualTo("manual.document");
        assertThat(event.runId()).isNotBlank();
        assertThat(event.facts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "controlId", "SOC2-S1-SECURITY-COMMITMENTS", "documentType", "customer-dpa",
                "effectiveDate", "2026-01-15", "approver", "Dana Reviewer", "fileName", "acme-dpa.pdf",
                "mediaType", "application/pdf", "sha256", sha, "sizeBytes", bytes.length,
                "uploadedBy", "sam@acme.example"));
        assertThat(event.provenance().operation()).isEqualTo("upload");
        assertThat(event.provenance().parameters()).isEqualTo(Map.of("fileName", "acme-dpa.pdf"));
        assertThat(event.provenance().responseSha256()).isEqualTo(sha);
        assertThat(event.provenance().collector()).isEqualTo("report-service");
        assertThat(event.provenance().collectorVersion()).isNotBlank();

        assertThat(store.get(sha)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
        byte[] served = when().get("/api/evidence/uploads/" + sha).then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename*=UTF-8''acme-dpa.pdf")
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertThat(served).isEqualTo(bytes);

        given().queryParam("controlId", "SOC2-S1-SECURITY-COMMITMENTS").when().get("/api/evidence/uploads").then()
                .statusCode(200)
                .body("controlId", everyItem(equalTo("SOC2-S1-SECURITY-COMMITMENTS")))
                .body("find { it.sha256 == '" + sha + "' }.documentType", equalTo("customer-dpa"))
                .body("find { it.sha256 == '" + sha + "' }.effectiveDate", equalTo("2026-01-15"))
                .body("find { it.sha256 == '" + sha + "' }.approver", equalTo("Dana Reviewer"))
                .body("find { it.sha256 == '" + sha + "' }.uploadedBy", equalTo("sam@acme.example"))
                .body("find { it.sha256 == '" + sha + "' }.evidenceId", equalTo(evidenceId));
        when().get("/api/evidence/uploads").then().statusCode(200).body("sha256", hasItem(sha));
    }

    @Test
    void refusedUploadsSayWhyAndPublishNothing() {
        String marker = UUID.randomUUID().toString();
        form("CM-01", "access-review", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString())
                .multiPart("file", "review.pdf", marker.getBytes(StandardCharsets.UTF_8), "application/pdf")
                .when().post("/api/evidence/uploads").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("status", equalTo(400))
                .body("error", containsString("is in the future"));
        form("CM-01", "risk-assessment", TODAY)
                .multiPart("file", "review.pdf", marker.getBytes(StandardCharsets.UTF_8), "application/pdf")
                .when().post("/api/evidence/uploads").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("document type 'risk-assessment' is not listed for CM-01; it takes access-review"));
        form("LS-01", "access-review", TODAY)
                .multiPart("file", "review.pdf", marker.getBytes(StandardCharsets.UTF_8), "application/pdf")
                .when().post("/api/evidence/uploads").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("control LS-01 is evidenced automatically"));
        form("CM-01", "access-review", TODAY)
                .multiPart("file", "review.pdf", new byte[0], "application/pdf")
                .when().post("/api/evidence/uploads").then()
                .statusCode(400).body("error", containsString("the file is empty"));
        // The test profile caps uploads at 1 MiB (application.properties), so "too large" is cheap to show.
        form("CM-01", "access-review", TODAY)
                .multiPart("file", "big.bin", new byte[1024 * 1024 + 1], "application/octet-stream")
                .when().post("/api/evidence/uploads").then()
                .statusCode(413).contentType(ContentType.JSON)
                .body("error", containsString("more than the maximum of 1048576 bytes"));

        String sha = Hashing.sha256Hex(marker.getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, String>> seen = evidence.drain(Duration.ofSeconds(2));
        assertThat(seen).extracting(ConsumerRecord::key).noneMatch(k -> k != null && k.endsWith(sha));
        assertThat(store.contains(sha)).isFalse();
    }

    @Test
    void unknownFilesAndControlsAreJsonErrors() {
        when().get("/api/evidence/uploads/" + "0".repeat(64)).then()
                .statusCode(404).contentType(ContentType.JSON)
                .body("error", containsString("no uploaded file with sha256"));
        when().get("/api/evidence/uploads/not-a-hash").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("not a lower-case hex sha256"));
        given().queryParam("controlId", "XX-99").when().get("/api/evidence/uploads").then()
                .statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("unknown control 'XX-99'"));
    }

    private static RequestSpecification form(String controlId, String documentType, String effectiveDate) {
        return given()
                .multiPart("controlId", controlId)
                .multiPart("documentType", documentType)
                .multiPart("effectiveDate", effectiveDate)
                .multiPart("approver", "Dana Reviewer");
    }

    private ConsumerRecord<String, String> published(String key) {
        return evidence.awaitAny(r -> key.equals(r.key()), WAIT).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
}
