package dev.vigil.report.web;

import dev.vigil.report.TestUsers;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dashboard in a real browser (headless Chromium), against the real service, Kafka and PostgreSQL: statuses go
 * in through the topic, a person opens the overview, sees the trend chart and the category scores, filters the
 * controls by status and source, clicks through to a failing control and reads its failing resources with their
 * evidence and provenance, and the page updates itself when the control's status changes.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DashboardBrowserIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** KMS key rotation (aws): no other test uses it, so its status here is this test's own. */
    private static final String FAILING = "LS-07";
    /** CloudTrail (aws), passing. */
    private static final String PASSING = "COM-02";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    private KafkaTestClient kafka;

    @BeforeEach
    void openClient() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void overviewToAFailingControlAndItsFailingResources() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String sha = "c".repeat(64);
        FailingResource key1 = new FailingResource("aws:kms:eu-west-1:key/1111", "aws.kms.key", "aws.kms-key-rotation",
                "automatic rotation is disabled", "ev-kms-1", at.minusSeconds(20),
                new Provenance("kms:GetKeyRotationStatus", Map.of("KeyId", "1111"), null, sha, "aws-kms", "0.1.0"));
        FailingResource key2 = new FailingResource("aws:kms:us-east-1:key/2222", "aws.kms.key", "aws.kms-key-rotation",
                "automatic rotation is disabled", "ev-kms-2", at.minusSeconds(20),
                new Provenance("kms:GetKeyRotationStatus", Map.of("KeyId", "2222"), null, sha, "aws-kms", "0.1.0"));
        send(new ControlStatusEvent(FAILING, ControlStatus.FAIL, at, 5, List.of(key1, key2), null));
        send(new ControlStatusEvent(PASSING, ControlStatus.PASS, at, 3, List.of(), null));
        awaitStatus(FAILING, ControlStatus.FAIL, at);
        awaitStatus(PASSING, ControlStatus.PASS, at);

        try (Browser browser = Browser.start(base).signIn(TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))) {
            browser.open("/");
            browser.visible(By.id("trend-chart"));
            browser.screenshot("overview");

            // The trend chart, with today's point, and a score per trust category.
            WebElement chart = browser.visible(By.id("trend-chart"));
            assertThat(chart.findElements(By.cssSelector("circle.dot"))).isNotEmpty();
            assertThat(browser.visible(By.id("overall-score")).getText()).matches("\\d+ %");
            WebElement ls = browser.visible(By.cssSelector("#category-scores tr[data-category='LS']"));
            assertThat(ls.getText()).contains("(LS)").containsPattern("\\d+ / \\d+").containsPattern("\\d+ %");
            assertThat(browser.driver().findElements(By.cssSelector("#category-scores tbody tr")))
                    .hasSizeGreaterThan(5);
            assertThat(browser.driver().findElement(By.id("bundle-download")).getAttribute("action"))
                    .endsWith("/api/bundles");

            // Filter: failing controls evidenced from AWS.
            new Select(browser.visible(By.name("status"))).selectByValue("FAIL");
            new Select(browser.driver().findElement(By.name("source"))).selectByValue("aws");
            browser.driver().findElement(By.cssSelector("#control-filters button[type=submit]")).click();
            browser.until(d -> d.getCurrentUrl().contains("source=aws"));
            List<String> shown = browser.until(d -> d.findElements(By.cssSelector("#controls tbody tr[data-control]"))
                    .stream().map(r -> r.getAttribute("data-control")).toList());
            assertThat(shown).contains(FAILING).doesNotContain(PASSING, "CM-01");

            // Through to the failing control: its failing resources, their evidence and provenance.
            browser.driver().findElement(By.linkText(FAILING)).click();
            browser.until(d -> d.findElement(By.tagName("h1")).getText().startsWith(FAILING));
            String failing = browser.visible(By.cssSelector("table.failing")).getText();
            assertThat(failing).contains("aws:kms:eu-west-1:key/1111", "aws:kms:us-east-1:key/2222",
                    "automatic rotation is disabled", "ev-kms-1", "kms:GetKeyRotationStatus", sha);
            assertThat(browser.visible(By.cssSelector("#history table.history")).getText()).contains("FAIL");
            assertThat(browser.visible(By.id("exceptions")).getText())
                    .contains("Exceptions are unavailable: the control-evaluator could not be reached");
            browser.screenshot("failing-control");

            // A new status for the control reloads its page by itself (server-sent events; polling as fallback).
            Instant later = at.plusSeconds(1);
            send(new ControlStatusEvent(FAILING, ControlStatus.PASS, later, 5, List.of(), null));
            browser.until(d -> d.findElement(By.cssSelector(".badge.big")).getText().equals("PASS"));
            assertThat(browser.visible(By.cssSelector("section h2")).getText()).isNotBlank();
            assertThat(browser.driver().findElement(By.tagName("main")).getText())
                    .contains("No resource is failing this control.");
        }
    }

    @Test
    void aMixedControlShowsItsRulesAndItsDocumentsApartOnTheBoardTheControlPageAndTheApi() {
        // COM-04 (GuardDuty, plus two documents): no other test uses it
        String mixed = "COM-04";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AutomatedPart rules = new AutomatedPart(ControlStatus.PASS, 2, 0);
        send(new ControlStatusEvent(mixed, ControlStatus.DOCUMENT_MISSING, at, 4, List.of(),
                "rules pass on 2 resource(s) in scope; no document uploaded for: ids-alert-sample; documents current: ids-configuration (2026-11-01)")
                .withParts(rules, new DocumentPart(ControlStatus.NO_EVIDENCE, List.of("ids-configuration"),
                        List.of("ids-alert-sample"), List.of(), "no document uploaded for: ids-alert-sample")));
        awaitStatus(mixed, ControlStatus.DOCUMENT_MISSING, at);

        given().get("/api/controls?status=DOCUMENT_MISSING").then().statusCode(200)
                .body("find { it.id == 'COM-04' }.automated.status", equalTo("PASS"))
                .body("find { it.id == 'COM-04' }.automated.resourcesInScope", equalTo(2))
                .body("find { it.id == 'COM-04' }.documents.missing", equalTo(List.of("ids-alert-sample")));
        given().get("/api/controls/" + mixed).then().statusCode(200)
                .body("documents.present", equalTo(List.of("ids-configuration")))
                .body("documents.status", equalTo("NO_EVIDENCE"));
        // the period counts it as a gap: not passing, not an exception
        given().get("/api/controls/" + mixed + "/period").then().statusCode(200)
                .body("exceptions", org.hamcrest.Matchers.empty())
                .body("gaps.status", org.hamcrest.Matchers.hasItem("DOCUMENT_MISSING"));

        try (Browser browser = Browser.start(base).signIn(TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))) {
            browser.open("/?status=DOCUMENT_MISSING");
            WebElement row = browser.visible(By.cssSelector("#controls tr[data-control='" + mixed + "']"));
            assertThat(row.findElement(By.cssSelector("[data-part=automated]")).getText()).isEqualTo("rules PASS");
            assertThat(row.findElement(By.cssSelector("[data-part=documents]")).getText())
                    .isEqualTo("documents 1 of 2 missing");
            assertThat(browser.visible(By.cssSelector(".card.status-document-missing.active")).getText())
                    .contains("DOCUMENT_MISSING");
            browser.screenshot("document-missing");

            browser.driver().findElement(By.linkText(mixed)).click();
            browser.until(d -> d.findElement(By.tagName("h1")).getText().startsWith(mixed));
            assertThat(browser.visible(By.cssSelector(".badge.big")).getText()).isEqualTo("DOCUMENT_MISSING");
            assertThat(browser.visible(By.cssSelector("#parts tr[data-part=automated]")).getText())
                    .contains("PASS", "2 resource(s) in scope, 0 failing");
            assertThat(browser.visible(By.cssSelector("#parts tr[data-part=documents]")).getText())
                    .contains("NO_EVIDENCE", "current ids-configuration", "missing ids-alert-sample");
            browser.screenshot("document-missing-control");

            // the alert sample uploaded: the control passes, and its page says so by itself
            send(new ControlStatusEvent(mixed, ControlStatus.PASS, at.plusSeconds(1), 4, List.of(),
                    "documents current: ids-alert-sample (2026-11-20), ids-configuration (2026-11-01)")
                    .withParts(rules, new DocumentPart(ControlStatus.PASS,
                            List.of("ids-alert-sample", "ids-configuration"), List.of(), List.of(),
                            "documents current: ids-alert-sample (2026-11-20), ids-configuration (2026-11-01)")));
            browser.until(d -> d.findElement(By.cssSelector(".badge.big")).getText().equals("PASS"));
            assertThat(browser.visible(By.cssSelector("#parts tr[data-part=documents]")).getText())
                    .contains("current ids-alert-sample, ids-configuration", "missing —");
        }
    }

    @Test
    void signingOutEndsTheSession() {
        try (Browser browser = Browser.start(base).signIn(TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))) {
            browser.open("/");
            browser.visible(By.id("sign-out")).click();
            assertThat(browser.visible(By.id("signed-out")).getText()).contains("signed out");

            browser.open("/");
            browser.until(d -> d.getCurrentUrl().contains("/login"));
            assertThat(browser.visible(By.id("login-form")).isDisplayed()).isTrue();
        }
    }

    @Test
    void collectionRunsPageSaysWhenTheCollectorCannotBeReached() {
        try (Browser browser = Browser.start(base).signIn(TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))) {
            browser.open("/collections");
            browser.screenshot("collections-unavailable");

            assertThat(browser.visible(By.id("collections-unavailable")).getText())
                    .contains("Collection runs are unavailable", "http://127.0.0.1:1/api/collections");
        }
    }

    @Test
    void manualEvidenceIsUploadedThroughTheForm() throws Exception {
        String marker = UUID.randomUUID().toString();
        Path file = Files.createTempFile("access-review-", ".txt");
        Files.writeString(file, "Q4 access review " + marker);
        String sha = sha256(Files.readAllBytes(file));

        try (Browser browser = Browser.start(base).signIn(TestUsers.ENGINEER, TestUsers.password(TestUsers.ENGINEER))) {
            browser.open("/evidence?controlId=CM-01");
            // CM-01 takes one document type: the page offers it, chosen.
            browser.until(d -> new Select(d.findElement(By.id("upload-document-type"))).getFirstSelectedOption()
                    .getAttribute("value").equals("access-review"));
            browser.setValue(browser.visible(By.name("effectiveDate")), "2026-11-20");
            browser.driver().findElement(By.name("approver")).sendKeys("Dana Reviewer");
            browser.driver().findElement(By.name("uploadedBy")).sendKeys("sam@acme.example");
            browser.driver().findElement(By.name("file")).sendKeys(file.toAbsolutePath().toString());
            browser.driver().findElement(By.cssSelector("#upload-form button[type=submit]")).click();

            String result = browser.until(d -> {
                String text = d.findElement(By.id("upload-result")).getText();
                return text.startsWith("Uploaded") || text.startsWith("Not uploaded") ? text : null;
            });
            browser.screenshot("evidence-upload");
            assertThat(result).matches("Uploaded: evidence sha256:[0-9a-f]{64} for CM-01, file sha256 " + sha
                    + "\\. The list below shows it after a reload\\.");
        } finally {
            Files.deleteIfExists(file);
        }
        given().queryParam("controlId", "CM-01").when().get("/api/evidence/uploads").then()
                .statusCode(200)
                .body("find { it.sha256 == '" + sha + "' }.documentType", equalTo("access-review"))
                .body("find { it.sha256 == '" + sha + "' }.approver", equalTo("Dana Reviewer"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** As the evaluator publishes: CloudEvents structured mode, announced by the content-type header. */
    private void send(ControlStatusEvent event) {
        kafka.sendEvent(Topics.CONTROL_STATUS, event.controlId(), EventCodec.encode(event));
    }

    private static void awaitStatus(String id, ControlStatus status, Instant evaluatedAt) {
        await().atMost(WAIT).untilAsserted(() -> when().get("/api/controls/" + id).then()
                .statusCode(200)
                .body("status", equalTo(status.name()))
                .body("evaluatedAt", equalTo(evaluatedAt.toString())));
    }
}
