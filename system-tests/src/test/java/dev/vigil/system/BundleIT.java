package dev.vigil.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import dev.vigil.bundle.BundleKeySet;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleVerifier;
import dev.vigil.bundle.VerificationReport;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Topics;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Period evidence bundles from the running stack, checked as an auditor would with the offline verifier and the key
 * the service publishes (docs/bundles.md).
 */
@ExtendWith(SharedDemoStack.class)
@Order(5) // last on the shared stack: its scripted bucket, observed in early 2026, leaves LS-01 STALE
class BundleIT {
    static LocalStackRun stack;
    static Path dir;

    @BeforeAll
    static void upTheStack() throws Exception {
        stack = SharedDemoStack.stack();
        dir = Files.createTempDirectory(stack.home, "bundles");
        RestAssured.baseURI = "http://127.0.0.1";
    }

    static RequestSpecification report() {
        return given().port(stack.reportPort);
    }

    @Test
    void todaysBundleVerifiesWithThePublishedKeyAndCarriesTheDemoEvidenceWithoutAnySecret() throws Exception {
        ECKey published = ECKey.parse(report().get("/api/bundles/signing-key").then().statusCode(200)
                .extract().asString());
        Path bundle = download(Instant.now().minus(Duration.ofDays(1)).toString(), Instant.now().toString(), "today");

        VerificationReport report = BundleVerifier.trusting(published).verify(bundle);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.signature().keyId()).isEqualTo(BundleSigner.thumbprint(published));
        assertThat(report.manifest().signingKeyId()).isEqualTo(report.signature().keyId());
        // The key set an auditor pins across key rotations: the demo's one key, open-ended.
        BundleKeySet keySet = BundleKeySet.parse(report().get("/api/bundles/signing-keys").then().statusCode(200)
                .extract().asString());
        assertThat(keySet.kids()).containsExactly(BundleSigner.thumbprint(published));
        VerificationReport pinnedSet = BundleVerifier.trusting(keySet).verify(bundle);
        assertThat(pinnedSet.verified()).isTrue();
        assertThat(pinnedSet.signature().keySource()).isEqualTo(VerificationReport.KeySource.KEY_SET);
        assertThat(report.ledger().present()).isTrue();
        // one chain per evidence partition (and the decisions'), each from its anchor, with the period's checkpoints
        assertThat(report.ledger().chains()).isNotEmpty().allSatisfy(c -> assertThat(c.result().valid()).isTrue());
        assertThat(report.ledger().problems()).isEmpty();
        assertThat(report.ledger().ok()).isTrue();

        Map<String, byte[]> entries = read(bundle);
        String ls01 = text(entries, "controls/LS-01/evidence.jsonl");
        assertThat(ls01).contains("aws:111122223333:s3:acme-backups").contains("\"rawResponse\":\"evidence/raw/");
        assertThat(entries.keySet()).anyMatch(p -> p.startsWith("evidence/raw/") && p.endsWith(".json"))
                .contains("summary.html", "summary.pdf", "controls.csv", "oscal/assessment-results.json",
                        "ledger/checkpoints.jsonl", "manifest.json", "manifest.jws", "signing-key.jwk.json")
                .anyMatch(p -> p.startsWith("ledger/chains/vigil.evidence.v1-") && p.endsWith("/segment.jsonl"));
        entries.forEach((path, bytes) -> PipelineIT.assertNoCanary("bundle file " + path,
                new String(bytes, StandardCharsets.UTF_8)));

        // Every answer a fact was read from is in the bundle: a bucket's four further answers, and no path named
        // by any evidence line (main or supporting) is missing.
        JsonNode backups = null;
        for (String line : ls01.lines().toList()) {
            JsonNode item = EventCodec.mapper().readTree(line);
            if (item.path("resourceKey").asText().equals("aws:111122223333:s3:acme-backups")) {
                backups = item;
            }
        }
        assertThat(backups).isNotNull();
        assertThat(backups.path("supportingRawResponses")).hasSize(4);
        assertThat(backups.at("/provenance/supporting")).extracting(c -> c.path("operation").asText())
                .containsExactly("s3:GetPublicAccessBlock", "s3:GetBucketVersioning", "s3:GetBucketPolicy",
                        "s3:GetAccountPublicAccessBlock");
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().endsWith("/evidence.jsonl")) {
                for (String line : new String(entry.getValue(), StandardCharsets.UTF_8).lines().toList()) {
                    JsonNode item = EventCodec.mapper().readTree(line);
                    if (item.hasNonNull("rawResponse")) {
                        named.add(item.get("rawResponse").asText());
                    }
                    item.path("supportingRawResponses").forEach(path -> named.add(path.asText()));
                }
            }
        }
        assertThat(named).isNotEmpty().allSatisfy(path -> assertThat(entries).containsKey(path));
        assertThat(entries).doesNotContainKey("evidence/raw/MISSING.txt");

        // An auditor who flips one byte of any file, or trusts another key, gets a failure naming it.
        for (String path : List.of("controls.csv", "controls/LS-01/evidence.jsonl", "summary.pdf")) {
            Path tampered = flipByte(entries, dir.resolve("tampered.zip"), path);
            VerificationReport broken = BundleVerifier.trusting(published).verify(tampered);
            assertThat(broken.verified()).as(path).isFalse();
            assertThat(broken.problems()).as(path).extracting(VerificationReport.FileProblem::path).contains(path);
        }
        assertThat(BundleVerifier.trusting(BundleSigner.generate().publicJwk()).verify(bundle).signature().valid())
                .isFalse();
    }

    @Test
    void anAuditorDownloadsOnlyTheGrantedPeriodAndTheDownloadIsInTheAuditLog() throws Exception {
        String from = Instant.now().minus(Duration.ofDays(7)).toString();
        String to = Instant.now().toString();
        given().port(stack.reportPort).auth().preemptive().basic(LocalStackRun.AUDITOR,
                        LocalStackRun.password(LocalStackRun.AUDITOR)).queryParam("from", from).queryParam("to", to)
                .get("/api/bundles").then().statusCode(403)
                .body("error", org.hamcrest.Matchers.containsString("no grant covering"));
        as(LocalStackRun.ADMIN).contentType("application/json")
                .body(Map.of("principal", LocalStackRun.AUDITOR, "from", Instant.now().minus(Duration.ofDays(30))
                        .toString(), "to", Instant.now().plus(Duration.ofDays(1)).toString()))
                .post("/api/access/grants").then().statusCode(201);

        byte[] zip = as(LocalStackRun.AUDITOR).queryParam("from", from).queryParam("to", to).get("/api/bundles")
                .then().statusCode(200).extract().asByteArray();
        Path bundle = dir.resolve("auditor.zip");
        Files.write(bundle, zip);
        assertThat(BundleVerifier.usingEmbeddedKey().verify(bundle).verified()).isTrue();
        String manifestSha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(read(bundle).get("manifest.json")));
        // the auditor may not read the live dashboard, nor the audit log
        as(LocalStackRun.AUDITOR).get("/api/controls").then().statusCode(403);
        as(LocalStackRun.AUDITOR).get("/api/audit-log").then().statusCode(403);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(as(LocalStackRun.ADMIN)
                .get("/api/audit-log").then().statusCode(200).extract().jsonPath().getList("findAll { it.action == "
                        + "'BUNDLE_DOWNLOADED' && it.principal == 'auditor' }.sha256")).contains(manifestSha256));
    }

    /**
     * The dashboard end to end, as a person uses it: sign in, open the overview, go to a failing control, see its
     * failing resources, and download the period's bundle from the form; the file the browser saved verifies.
     */
    @Test
    void anEngineerFollowsAFailingControlInTheBrowserAndDownloadsTheBundle() throws Exception {
        Path downloads = Files.createDirectory(dir.resolve("browser-downloads"));
        try (var browser = dev.vigil.report.web.Browser.start(java.net.URI.create("http://127.0.0.1:" + stack.reportPort
                + "/"), downloads).signIn(LocalStackRun.ENGINEER, LocalStackRun.password(LocalStackRun.ENGINEER))) {
            browser.open("/?status=FAIL");
            browser.visible(org.openqa.selenium.By.id("trend-chart"));
            List<String> failing = browser.until(d -> d.findElements(org.openqa.selenium.By.cssSelector(
                    "#controls tbody tr[data-control]")).stream().map(r -> r.getAttribute("data-control")).toList());
            assertThat(failing).contains("LS-07"); // the sandbox's key without rotation (docs/sandbox.md)

            browser.driver().findElement(org.openqa.selenium.By.linkText("LS-07")).click();
            browser.until(d -> d.findElement(org.openqa.selenium.By.tagName("h1")).getText().startsWith("LS-07"));
            assertThat(browser.visible(org.openqa.selenium.By.cssSelector("table.failing")).getText())
                    .contains("acme-legacy-key");

            browser.open("/");
            var form = browser.visible(org.openqa.selenium.By.id("bundle-download"));
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            var js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
            // A date input's typed format follows the browser's locale; its value is always ISO.
            js.executeScript("arguments[0].value = arguments[1]", form.findElement(org.openqa.selenium.By.name("from")),
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString());
            js.executeScript("arguments[0].value = arguments[1]", form.findElement(org.openqa.selenium.By.name("to")),
                    today);
            form.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();

            Path zip = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try (var files = Files.list(downloads)) {
                    return files.filter(f -> f.toString().endsWith(".zip")).findFirst().orElse(null);
                }
            }, java.util.Objects::nonNull);
            ECKey published = ECKey.parse(report().get("/api/bundles/signing-key").then().statusCode(200)
                    .extract().asString());
            VerificationReport report = BundleVerifier.trusting(published).verify(zip);
            assertThat(report.problems()).isEmpty();
            assertThat(report.verified()).isTrue();
            assertThat(text(read(zip), "controls/LS-07/evidence.jsonl")).contains("acme-legacy-key");
        }
    }

    @Test
    void aRiskAcceptanceRequestedByOneAdminAndApprovedByAnotherIsInTheVerifiedBundleWithBothNames() throws Exception {
        // A bucket that does not exist: the acceptance covers no failure, so no other test's statuses change.
        String key = "aws:111122223333:s3:vigil-four-eyes-test";
        String request = as(LocalStackRun.ADMIN).contentType("application/json").body(Map.of("controlId", "LS-01",
                        "resourceKey", key, "justification", "system test: four-eyes",
                        "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()))
                .post("/api/risk-acceptances/requests").then().statusCode(201).extract().path("id");
        as(LocalStackRun.ADMIN).post("/api/approval-requests/" + request + "/approve").then().statusCode(409);
        String exceptionId = as(LocalStackRun.ADMIN2).post("/api/approval-requests/" + request + "/approve").then()
                .statusCode(200).extract().path("decisionId");
        assertThat(exceptionId).startsWith("EX-");
        // Revoked the other way round: admin2 asks, admin approves.
        String revocation = as(LocalStackRun.ADMIN2).contentType("application/json")
                .body(Map.of("justification", "system test over"))
                .post("/api/risk-acceptances/" + exceptionId + "/revocation-requests").then().statusCode(201)
                .extract().path("id");
        as(LocalStackRun.ADMIN).post("/api/approval-requests/" + revocation + "/approve").then().statusCode(200);
        as(LocalStackRun.ENGINEER).get("/controls/LS-01").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(exceptionId));

        Path keyFile = dir.resolve("four-eyes-key.jwk.json");
        Files.writeString(keyFile, report().get("/api/bundles/signing-key").then().statusCode(200).extract().asString());
        Path bundle = download(Instant.now().minus(Duration.ofHours(1)).toString(), Instant.now().toString(),
                "four-eyes");
        VerificationReport report = BundleVerifier.trusting(BundleVerifier.readPublicKey(keyFile)).verify(bundle);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        List<VerificationReport.Decision> decisions = report.decisions().stream()
                .filter(d -> d.resourceKey().equals(exceptionId)).toList();
        assertThat(decisions).hasSize(2).allSatisfy(d -> assertThat(d.document())
                .containsEntry("requestedBy", LocalStackRun.ADMIN).containsEntry("approvedBy", LocalStackRun.ADMIN2)
                .containsEntry("resourceKey", key));
        assertThat(decisions.get(1).document()).containsEntry("event", "REVOKED")
                .containsEntry("revokedBy", LocalStackRun.ADMIN2)
                .containsEntry("revocationApprovedBy", LocalStackRun.ADMIN);

        JsonNode accepted = null;
        for (JsonNode a : EventCodec.mapper().readTree(read(bundle).get("controls/LS-01/status-history.json"))
                .path("acceptedExceptions")) {
            if (a.path("id").asText().equals(exceptionId)) {
                accepted = a;
            }
        }
        assertThat(accepted).isNotNull();
        assertThat(accepted.path("requestedBy").asText()).isEqualTo(LocalStackRun.ADMIN);
        assertThat(accepted.path("approvedBy").asText()).isEqualTo(LocalStackRun.ADMIN2);
        assertThat(accepted.path("revocationApprovedBy").asText()).isEqualTo(LocalStackRun.ADMIN);
        // The auditor's spreadsheet of acceptances: requester, approver, and the revocation's two people.
        assertThat(new String(read(bundle).get("risk-acceptances.csv"), StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).startsWith("LS-01," + exceptionId + "," + key + ",")
                        .contains("," + LocalStackRun.ADMIN + "," + LocalStackRun.ADMIN2 + ",")
                        .endsWith("," + LocalStackRun.ADMIN2 + "," + LocalStackRun.ADMIN + ",controls/LS-01/"));

        // The auditor's command prints who requested and who approved.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = dev.vigil.bundle.VerifyCommand.run(new String[]{bundle.toString(), "--public-key",
                keyFile.toString()}, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("vigil.exception " + exceptionId + " ACCEPTED LS-01 resource " + key)
                .contains("requested by admin, approved by admin2")
                .contains("revoked at the request of admin2, approved by admin");
        assertThat(as(LocalStackRun.ADMIN).get("/api/audit-log?limit=100").then().statusCode(200).extract()
                .jsonPath().getList("action", String.class))
                .contains("RISK_ACCEPTANCE_REQUESTED", "RISK_ACCEPTANCE_APPROVED", "REVOCATION_REQUESTED",
                        "REVOCATION_APPROVED");
    }

    static RequestSpecification as(String demoUser) {
        return given().port(stack.reportPort).auth().preemptive().basic(demoUser, LocalStackRun.password(demoUser));
    }

    @Test
    void aScriptedPeriodsBundleHoldsOnlyTheEvidenceObservedInsideIt() throws Exception {
        // One bucket of another account, observed in January, February and March 2026, a different version each time.
        SourceRef account = new SourceRef("aws", "444455556666");
        String key = "aws:444455556666:s3:bundle-scripted";
        // Signed as the demo's collector signs (up.sh generated its key in VIGIL_HOME): the evaluator trusts it.
        var collectorKey = dev.vigil.common.signing.EventSigner.fromPemFile(
                stack.home.resolve("data/event-keys/collector-service.key.pem"), "collector-service");
        try (var kafka = stack.kafka(collectorKey)) {
            for (String month : List.of("01", "02", "03")) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("bucket", "bundle-scripted");
                facts.put("region", "eu-west-1");
                facts.put("defaultEncryption", "AES256");
                facts.put("kmsKeyId", null);
                facts.put("bucketKeyEnabled", false);
                facts.put("note", "observed in month " + month);
                EvidenceEvent e = EvidenceEvent.of(account, "aws.s3.bucket", key,
                        Instant.parse("2026-" + month + "-15T12:00:00Z"), "scripted-run-" + month, facts,
                        new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "bundle-scripted"), null,
                                null, "aws-s3", "scripted"));
                kafka.sendEvent(Topics.EVIDENCE, key, EventCodec.encode(e));
            }
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                text(read(download("2026-01-01", "2026-03-31", "q1")), "controls/LS-01/evidence.jsonl")
                        .lines().filter(l -> l.contains(key)).count() == 3);

        Path february = download("2026-02-01", "2026-02-28", "february");
        VerificationReport report = BundleVerifier.usingEmbeddedKey().verify(february);
        assertThat(report.verified()).isTrue();
        assertThat(report.manifest().metadata().periodFrom()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(report.manifest().metadata().periodTo()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        Map<String, byte[]> entries = read(february);
        List<String> evidence = entries.entrySet().stream().filter(e -> e.getKey().endsWith("/evidence.jsonl"))
                .flatMap(e -> new String(e.getValue(), StandardCharsets.UTF_8).lines()).toList();
        // Only February's version: not January's, not March's, and nothing of the demo organisation observed today.
        // (It is listed once under each control that judges S3 buckets.)
        assertThat(evidence).isNotEmpty().allSatisfy(line -> assertThat(line).contains("observed in month 02")
                .contains("\"firstObservedAt\":\"2026-02-15T12:00:00Z\""));
        assertThat(evidence.stream().map(line -> line.substring(0, line.indexOf(",\"ledger\""))).distinct())
                .hasSize(1);
        assertThat(text(entries, "controls/LS-01/evidence.jsonl").lines()).hasSize(1);
        assertThat(text(entries, "summary.html")).contains("2026-02-01T00:00:00Z");

        report().queryParam("from", "2026-02-01").get("/api/bundles").then().statusCode(400);
        report().queryParam("from", "2026-02-30").queryParam("to", "2026-03-01").get("/api/bundles").then()
                .statusCode(400);
    }

    private static Path download(String from, String to, String name) throws Exception {
        byte[] zip = report().queryParam("from", from).queryParam("to", to).get("/api/bundles").then()
                .statusCode(200).contentType("application/zip").extract().asByteArray();
        Path file = dir.resolve(name + ".zip");
        Files.write(file, zip);
        return file;
    }

    static Map<String, byte[]> read(Path zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    private static String text(Map<String, byte[]> entries, String path) {
        assertThat(entries).containsKey(path);
        return new String(entries.get(path), StandardCharsets.UTF_8);
    }

    private static Path flipByte(Map<String, byte[]> entries, Path to, String path) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] content = e.getValue().clone();
                if (e.getKey().equals(path)) {
                    content[content.length / 2] ^= 0x01;
                }
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(content);
                z.closeEntry();
            }
        }
        Files.write(to, bytes.toByteArray());
        return to;
    }
}
