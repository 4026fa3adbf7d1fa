package dev.vigil.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleVerifier;
import dev.vigil.bundle.VerificationReport;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerDecision;
import dev.vigil.common.ledger.LedgerEntry;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.report.commitments.CommitmentRegistry;
import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.period.Period;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A February 2026 bundle written from scripted history and evidence, then read back and verified as an auditor
 * would: contents, clipping to the period, the human-readable reports, and tamper detection.
 */
class PeriodBundleTest {
    static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    static final Period PERIOD = new Period(FEB, MAR);
    static final String RAW_A = "a".repeat(64);
    static final String RAW_GONE = "b".repeat(64);
    static final String RAW_VERSIONING = "c".repeat(64);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static BundleSigner signer;
    static Catalogue catalogue;
    static Path bundle;
    static Map<String, byte[]> entries;
    static List<LedgerRecord> ledger;
    static final LedgerDecision ACCEPTANCE = new LedgerDecision(LedgerDecision.EXCEPTION, "x1", day(5), Map.of(
            "event", "ACCEPTED", "controlId", "LS-01", "requestedBy", "cto@acme.example",
            "approvedBy", "cfo@acme.example", "justification", "legacy exports, moving to an encrypted bucket by March"));

    @BeforeAll
    static void writeTheFebruaryBundle() throws Exception {
        catalogue = Catalogue.loadDefault();
        signer = BundleSigner.generate();
        PeriodBundle writer = new PeriodBundle(catalogue, CommitmentRegistry.loadDefault(catalogue), signer, "test");
        FailingResource exports = new FailingResource("aws:111122223333:s3:acme-exports", "aws.s3.bucket",
                "aws.s3.default-encryption", "bucket acme-exports has no default encryption configured", "e2", day(10),
                null, null);
        Map<String, List<StatusInterval>> history = Map.of("LS-01", List.of(
                new StatusInterval("LS-01", "PASS", Instant.parse("2026-01-05T00:00:00Z"), day(10), 3, List.of(), null),
                new StatusInterval("LS-01", "FAIL", day(10), day(12), 3, List.of(exports), "1 of 3 failing"),
                new StatusInterval("LS-01", "PASS", day(12), null, 3, List.of(), null)));
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(new LedgerEntry("e" + i, "aws", "aws.s3.bucket", "aws:111122223333:s3:b" + i, day(i)));
        }
        entries.set(5, ACCEPTANCE.entry()); // a risk acceptance joins the chain like evidence
        ledger = LedgerChain.append(LedgerRecord.GENESIS_HASH, 1, entries, day(6));
        bundle = dir.resolve("feb.zip");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            ScriptedEvidence evidence = new ScriptedEvidence();
            writer.write(out, PERIOD, history, evidence.acceptedExceptions(), evidence,
                    Instant.parse("2026-03-02T08:00:00Z"));
        }
        PeriodBundleTest.entries = ZipFiles.read(bundle);
    }

    @Test
    void theBundleVerifiesWithThePublishedKeyAndItsLedgerSegmentLinks() throws Exception {
        VerificationReport report = BundleVerifier.trusting(signer.publicJwk()).verify(bundle);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.signature().keyId()).isEqualTo(signer.keyId());
        assertThat(report.ledger().present()).isTrue();
        assertThat(report.ledger().result().recordsChecked()).isEqualTo(4);
        assertThat(report.manifest()).isNotNull();
    }

    @Test
    void theRiskAcceptanceOfThePeriodIsInTheLedgerWithItsDocumentNamingRequesterAndApprover() throws Exception {
        String path = "decisions/" + ACCEPTANCE.evidenceId().substring("sha256:".length()) + ".json";
        assertThat(new String(entries.get(path), StandardCharsets.UTF_8)).isEqualTo(ACCEPTANCE.document());
        VerificationReport report = BundleVerifier.trusting(signer.publicJwk()).verify(bundle);
        assertThat(report.decisions()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(6);
            assertThat(d.resourceKey()).isEqualTo("x1");
            assertThat(d.document()).containsEntry("requestedBy", "cto@acme.example")
                    .containsEntry("approvedBy", "cfo@acme.example");
        });
        JsonNode accepted = JSON.readTree(entries.get("controls/LS-01/status-history.json")).at("/acceptedExceptions/0");
        assertThat(accepted.path("requestedBy").asText()).isEqualTo("cto@acme.example");
        assertThat(accepted.path("approvedBy").asText()).isEqualTo("cfo@acme.example");
    }

    @Test
    void aBundleSignedWithAnotherKeyFails() throws Exception {
        VerificationReport report = BundleVerifier.trusting(BundleSigner.generate().publicJwk()).verify(bundle);
        assertThat(report.verified()).isFalse();
        assertThat(report.signature().valid()).isFalse();
    }

    @Test
    void flippingOneByteOfAnyFileFailsTheVerifierAndNamesThatFile() throws Exception {
        int i = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getValue().length == 0) {
                continue;
            }
            Path tampered = ZipFiles.flipByte(entries, dir.resolve("flip-" + i++ + ".zip"), entry.getKey(),
                    entry.getValue().length / 2);
            VerificationReport report = BundleVerifier.trusting(signer.publicJwk()).verify(tampered);
            assertThat(report.verified()).as(entry.getKey()).isFalse();
            assertThat(report.problems()).as(entry.getKey())
                    .extracting(VerificationReport.FileProblem::path).contains(entry.getKey());
        }
        assertThat(i).isGreaterThan(catalogue.controls().size() + 5);
    }

    @Test
    void eachControlHasItsStatusHistoryCutToThePeriodAndTheEvidenceObservedInIt() throws Exception {
        JsonNode history = JSON.readTree(entries.get("controls/LS-01/status-history.json"));
        assertThat(history.at("/intervals/0/from").asText()).isEqualTo("2026-02-01T00:00:00Z"); // cut at the start
        assertThat(history.at("/intervals/1/status").asText()).isEqualTo("FAIL");
        assertThat(history.at("/intervals/2/to").asText()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(history.at("/intervals/2/ongoing").asBoolean()).isTrue();
        assertThat(history.at("/summary/exceptions").size()).isEqualTo(1);
        assertThat(history.at("/acceptedExceptions").size()).isEqualTo(1);

        List<String> lines = new String(entries.get("controls/LS-01/evidence.jsonl"), StandardCharsets.UTF_8).lines()
                .toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("resourceKey").asText()).isEqualTo("aws:111122223333:s3:acme-exports");
        assertThat(first.at("/ledger/hash").asText()).isEqualTo(ledger.get(2).hash());
        assertThat(first.at("/provenance/operation").asText()).isEqualTo("s3:GetBucketEncryption");
        assertThat(first.path("rawResponse").asText()).isEqualTo("evidence/raw/" + RAW_A + ".json");
        // facts read from several answers: each further answer is in the bundle too
        assertThat(first.at("/provenance/supporting/0/operation").asText()).isEqualTo("s3:GetBucketVersioning");
        assertThat(first.at("/supportingRawResponses/0").asText())
                .isEqualTo("evidence/raw/" + RAW_VERSIONING + ".json");
        assertThat(JSON.readTree(lines.get(1)).has("supportingRawResponses")).isFalse();
        assertThat(entries).containsKey("controls/LS-07/evidence.jsonl").containsKey("controls/CM-12/status-history.json");

        // a raw response named twice is stored once; one the store lost is listed, not silently dropped
        assertThat(entries.keySet().stream().filter(p -> p.startsWith("evidence/raw/"))).containsExactlyInAnyOrder(
                "evidence/raw/" + RAW_A + ".json", "evidence/raw/" + RAW_VERSIONING + ".json",
                "evidence/raw/MISSING.txt");
        assertThat(new String(entries.get("evidence/raw/MISSING.txt"), StandardCharsets.UTF_8)).contains(RAW_GONE);
        assertThat(new String(entries.get("evidence/raw/" + RAW_A + ".json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"ServerSideEncryptionConfiguration\":null}");
    }

    @Test
    void theSummaryPdfCsvAndOscalReportThePeriod() throws Exception {
        String html = new String(entries.get("summary.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("2026-02-01T00:00:00Z", "FAIL from 2026-02-11T00:00:00Z",
                "bucket acme-exports has no default encryption configured", "Justification: legacy exports, moving",
                "requested by cto@acme.example, approved by cfo@acme.example",
                signer.keyId(), "Commitments");
        assertThat(html).doesNotContain("expired last year"); // an acceptance that ended before the period
        assertThat(new String(entries.get("summary.pdf"), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(entries.get("summary.pdf").length).isGreaterThan(2000);

        List<String> csv = new String(entries.get("controls.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(csv).hasSize(catalogue.controls().size() + 1);
        assertThat(csv.get(0)).startsWith("control_id,title,category,criteria,evidence,pass_share");
        String ls01 = csv.stream().filter(l -> l.startsWith("LS-01,")).findFirst().orElseThrow();
        assertThat(ls01).contains(",1,").contains(",2,").endsWith(",false,controls/LS-01/");

        JsonNode oscal = JSON.readTree(entries.get("oscal/assessment-results.json")).path("assessment-results");
        assertThat(oscal.at("/metadata/oscal-version").asText()).isEqualTo("1.1.2");
        assertThat(oscal.at("/results/0/start").asText()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(oscal.at("/results/0/end").asText()).isEqualTo("2026-03-01T00:00:00Z");
        JsonNode ls01Finding = null;
        for (JsonNode f : oscal.at("/results/0/findings")) {
            if (f.at("/target/target-id").asText().equals("ls-01_obj")) {
                ls01Finding = f;
            }
        }
        assertThat(ls01Finding).isNotNull();
        assertThat(ls01Finding.at("/target/status/state").asText()).isEqualTo("not-satisfied");
        assertThat(oscal.at("/results/0/observations").size()).isEqualTo(catalogue.controls().size());
        // The acceptance in force in February is a risk with who requested and who approved it; last year's is not.
        JsonNode risks = oscal.at("/results/0/risks");
        assertThat(risks.size()).isEqualTo(1);
        JsonNode risk = risks.get(0);
        assertThat(risk.path("status").asText()).isEqualTo("deviation-approved");
        assertThat(risk.path("title").asText()).isEqualTo("LS-01 risk acceptance x1 for aws:111122223333:s3:acme-exports");
        assertThat(risk.path("deadline").asText()).isEqualTo(day(40).toString());
        assertThat(risk.path("props").findValuesAsText("value")).contains("x1", "cto@acme.example", "cfo@acme.example");
        assertThat(risk.path("props").toString()).contains("\"name\":\"approved-by\"", "\"value\":\"cfo@acme.example\"");
        assertThat(ls01Finding.at("/related-risks/0/risk-uuid").asText()).isEqualTo(risk.path("uuid").asText());
    }

    @Test
    void riskAcceptancesCsvNamesRequesterAndApproverOfEachAcceptanceInThePeriod() {
        List<String> csv = new String(entries.get("risk-acceptances.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(csv).containsExactly(String.join(",", RiskAcceptancesCsv.HEADER),
                "LS-01,x1,aws:111122223333:s3:acme-exports,legacy exports, moving to an encrypted bucket by March"
                        .replace("legacy exports, moving to an encrypted bucket by March",
                                "\"legacy exports, moving to an encrypted bucket by March\"")
                        + ",cto@acme.example,cfo@acme.example," + day(11) + "," + day(40) + ",,,,controls/LS-01/");
    }

    static Instant day(double n) {
        return FEB.plusSeconds((long) (n * 86_400));
    }

    /** The evaluator's answers for February, as its API would page them. */
    static final class ScriptedEvidence implements PeriodEvidence {
        @Override
        public Iterator<ObservedEvidence> observed(String controlId, Period period) {
            return switch (controlId) {
                case "LS-01" -> List.of(item(ledger.get(2), "acme-exports", RAW_A, RAW_VERSIONING),
                        item(ledger.get(3), "acme-logs", RAW_GONE)).iterator();
                case "LS-07" -> List.of(item(ledger.get(4), "acme-key", RAW_A)).iterator();
                default -> List.<ObservedEvidence>of().iterator();
            };
        }

        @Override
        public Optional<Iterator<FailingResource>> failingResources(String controlId, Instant evaluatedAt) {
            throw new AssertionError("every status of February listed all its failing resources");
        }

        @Override
        public Optional<InputStream> rawResponse(String sha256) {
            String body = sha256.equals(RAW_A) ? "{\"ServerSideEncryptionConfiguration\":null}"
                    : sha256.equals(RAW_VERSIONING) ? "<VersioningConfiguration/>" : null;
            return Optional.ofNullable(body).map(b -> new ByteArrayInputStream(b.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public LedgerSlice ledger(Period period) {
            return new LedgerSlice(ledger.get(1).hash(), 3, ledger.subList(2, 6).iterator());
        }

        @Override
        public List<AcceptedException> acceptedExceptions() {
            return List.of(
                    new AcceptedException("x1", "LS-01", "aws:111122223333:s3:acme-exports", "cto@acme.example",
                            "cto@acme.example", "cfo@acme.example",
                            "legacy exports, moving to an encrypted bucket by March", day(11), day(40), null, null,
                            null),
                    new AcceptedException("x0", "LS-01", null, "cto@acme.example", null, null, "expired last year",
                            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"), null, null,
                            null));
        }

        @Override
        public List<DecisionDocument> decisions(Period period) {
            return List.of(new DecisionDocument(6, ACCEPTANCE.evidenceId(), ACCEPTANCE.document()));
        }

        private static ObservedEvidence item(LedgerRecord r, String bucket, String raw, String... supporting) {
            Provenance p = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", bucket), null, raw,
                    "aws-s3", "0.1.0", Arrays.stream(supporting).map(sha -> new Provenance.Citation(
                            "s3:GetBucketVersioning", Map.of("Bucket", bucket), null, sha)).toList());
            return new ObservedEvidence(r.seq(), r.hash(), r.evidenceId(), "aws", "aws.s3.bucket",
                    "aws:111122223333:s3:" + bucket, JsonNodeFactory.instance.objectNode().put("bucket", bucket),
                    JSON.valueToTree(p), r.observedAt(), r.observedAt(), "run-1");
        }
    }
}
