package dev.vigil.bundle;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import dev.vigil.bundle.VerificationReport.FileProblem;
import dev.vigil.bundle.VerificationReport.KeySource;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.ledger.LedgerVerification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BundleRoundTripTest {
    private static final BundleSigner SIGNER = BundleSigner.generate();

    @TempDir
    static Path dir;
    private static Path bundle;
    private static BundleSummary summary;

    @BeforeAll
    static void writeBundle() throws Exception {
        bundle = dir.resolve("bundle.zip");
        summary = TestBundles.write(bundle, SIGNER);
    }

    private static VerificationReport verifyTrusted(Path file) throws Exception {
        return BundleVerifier.trusting(SIGNER.publicJwk()).verify(file);
    }

    private static List<String> failedPaths(VerificationReport report) {
        return report.problems().stream().map(FileProblem::path).toList();
    }

    @Test
    void aWrittenBundleVerifiesWithThePinnedKey() throws Exception {
        VerificationReport report = verifyTrusted(bundle);

        assertThat(report.problems()).isEmpty();
        assertThat(report.signature().valid()).isTrue();
        assertThat(report.signature().algorithm()).isEqualTo("ES256");
        assertThat(report.signature().keyId()).isEqualTo(SIGNER.keyId()).isEqualTo(summary.keyId());
        assertThat(report.signature().keySource()).isEqualTo(KeySource.TRUSTED);
        assertThat(report.filesListed()).isEqualTo(7).isEqualTo(summary.filesListed());
        assertThat(report.filesVerified()).isEqualTo(7);
        assertThat(report.ledger().ok()).isTrue();
        assertThat(report.ledger().result().recordsChecked()).isEqualTo(5);
        assertThat(report.ledger().anchor()).isEqualTo(new LedgerAnchor(TestBundles.ledger().get(1).hash(), 3, 5,
                TestBundles.ledger().get(6).hash()));
        assertThat(report.verified()).isTrue();

        VerificationReport embedded = BundleVerifier.usingEmbeddedKey().verify(bundle);
        assertThat(embedded.verified()).isTrue();
        assertThat(embedded.signature().keySource()).isEqualTo(KeySource.EMBEDDED);
    }

    @Test
    void theManifestListsEveryFileWithItsHashAndTheSignatureIsAStandardDetachedJws() throws Exception {
        Map<String, byte[]> entries = TestBundles.read(bundle);
        assertThat(entries.keySet()).containsExactly("controls.csv", "summary.html", "controls/CM-11/history.json",
                "controls/CM-11/evidence/raw.json", "ledger/segment.jsonl", "ledger/anchor.json",
                "signing-key.jwk.json", "manifest.json", "manifest.jws");

        Manifest manifest = Manifest.parse(entries.get("manifest.json"));
        assertThat(manifest.metadata()).isEqualTo(TestBundles.METADATA);
        assertThat(manifest.files()).hasSize(7);
        assertThat(manifest.files().get(0)).isEqualTo(new ManifestFile("controls.csv",
                Hashing.sha256Hex(TestBundles.CSV), TestBundles.CSV.length(), "text/csv"));
        for (ManifestFile file : manifest.files()) {
            assertThat(Hashing.sha256Hex(entries.get(file.path()))).as(file.path()).isEqualTo(file.sha256());
            assertThat((long) entries.get(file.path()).length).as(file.path()).isEqualTo(file.size());
        }
        assertThat(Hashing.sha256Hex(entries.get("manifest.json"))).isEqualTo(summary.manifestSha256());

        String jws = new String(entries.get("manifest.jws"), StandardCharsets.US_ASCII);
        assertThat(jws).isEqualTo(summary.jws()).contains("..");
        JWSObject parsed = JWSObject.parse(jws, new Payload(entries.get("manifest.json")));
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(SIGNER.keyId());
        assertThat(parsed.verify(new ECDSAVerifier(SIGNER.publicJwk()))).isTrue();

        String segment = new String(entries.get("ledger/segment.jsonl"), StandardCharsets.UTF_8);
        List<LedgerRecord> records = segment.lines().map(LedgerSegment::fromJsonLine).toList();
        assertThat(records).isEqualTo(TestBundles.ledger().subList(2, 7));
    }

    @Test
    void flippingOneByteOfAnyFileFailsAndNamesThatFile() throws Exception {
        Map<String, byte[]> entries = TestBundles.read(bundle);
        int i = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String path = entry.getKey();
            int middle = entry.getValue().length / 2;
            Path tampered = TestBundles.flipByte(bundle, dir.resolve("flip-" + i++ + ".zip"), path, middle);

            VerificationReport report = verifyTrusted(tampered);

            assertThat(report.verified()).as(path).isFalse();
            assertThat(failedPaths(report)).as(path).contains(path);
        }
    }

    @Test
    void flippingAnyByteOfTheSignatureFails() throws Exception {
        byte[] jws = TestBundles.read(bundle).get("manifest.jws");
        int signatureStart = new String(jws, StandardCharsets.US_ASCII).lastIndexOf('.') + 1;
        for (int index = 0; index < jws.length; index++) {
            Path tampered = TestBundles.flipByte(bundle, dir.resolve("jws.zip"), "manifest.jws", index);
            VerificationReport report = verifyTrusted(tampered);
            assertThat(report.verified()).as("byte %d", index).isFalse();
            assertThat(report.signature().valid()).as("byte %d", index).isFalse();
            if (index >= signatureStart || index < 20) {
                // outside the signed manifest hash in the header, the change is pinned on manifest.jws alone
                assertThat(failedPaths(report)).as("byte %d", index).containsExactly("manifest.jws");
            }
        }
    }

    @Test
    void aBundleSignedWithAnotherKeyFailsAgainstThePinnedKey() throws Exception {
        BundleSigner impostor = BundleSigner.generate();
        Path forged = dir.resolve("forged.zip");
        TestBundles.write(forged, impostor);

        // On its own it is intact: its embedded key matches its signature...
        assertThat(BundleVerifier.usingEmbeddedKey().verify(forged).verified()).isTrue();
        // ...but it was not signed by the key the auditor pinned.
        VerificationReport report = verifyTrusted(forged);
        assertThat(report.verified()).isFalse();
        assertThat(report.signature().valid()).isFalse();
        assertThat(report.signature().keyId()).isEqualTo(impostor.keyId());
        assertThat(report.problems()).containsExactly(new FileProblem("manifest.jws",
                "signed by key " + impostor.keyId() + ", not by the trusted key " + SIGNER.keyId()));
    }

    @Test
    void aFileAddedAfterSigningIsReportedAsUnlisted() throws Exception {
        Path extra = TestBundles.rewrite(bundle, dir.resolve("extra.zip"), (name, bytes) -> bytes,
                Map.of("controls/CM-11/evidence/injected.json", "{}".getBytes(StandardCharsets.UTF_8)));

        VerificationReport report = verifyTrusted(extra);

        assertThat(report.signature().valid()).isTrue();
        assertThat(report.filesVerified()).isEqualTo(7);
        assertThat(report.problems()).containsExactly(new FileProblem("controls/CM-11/evidence/injected.json",
                "in the bundle but not listed in manifest.json"));
        assertThat(report.verified()).isFalse();
    }

    @Test
    void aRemovedFileIsReportedAsMissing() throws Exception {
        Path without = TestBundles.rewrite(bundle, dir.resolve("removed.zip"),
                (name, bytes) -> name.equals("summary.html") ? null : bytes, Map.of());

        VerificationReport report = verifyTrusted(without);
        assertThat(report.problems()).containsExactly(new FileProblem("summary.html",
                "listed in manifest.json but missing from the bundle"));
    }

    @Test
    void aSignedBundleWhoseLedgerDoesNotLinkFailsNamingTheSeq() throws Exception {
        List<LedgerRecord> ledger = TestBundles.ledger();
        LedgerRecord r5 = ledger.get(4);
        LedgerRecord relinked = new LedgerRecord(r5.seq(), r5.evidenceId(), r5.source(), r5.resourceType(),
                r5.resourceKey(), r5.observedAt(), r5.recordedAt(), "e".repeat(64), r5.hash());
        LedgerRecord forged = relinked.withHash(relinked.computeHash());
        Path zip = dir.resolve("broken-ledger.zip");
        // A generator that writes the segment file itself: the manifest and signature are then right, the chain not.
        try (var out = Files.newOutputStream(zip);
             BundleWriter writer = BundleWriter.open(out, SIGNER, TestBundles.METADATA)) {
            writer.addFile(BundleLayout.LEDGER_SEGMENT, LedgerSegment.MEDIA_TYPE, o -> {
                for (LedgerRecord r : List.of(ledger.get(2), ledger.get(3), forged, ledger.get(5))) {
                    o.write(LedgerSegment.toJsonLine(r).getBytes(StandardCharsets.UTF_8));
                }
            });
            writer.addFile(BundleLayout.LEDGER_ANCHOR, "application/json", o -> o.write(
                    ("{\"prevHash\":\"" + ledger.get(1).hash() + "\",\"firstSeq\":3,\"recordCount\":4,\"lastHash\":\""
                            + ledger.get(5).hash() + "\"}").getBytes(StandardCharsets.UTF_8)));
            writer.finish();
        }

        VerificationReport report = verifyTrusted(zip);

        assertThat(report.signature().valid()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.ledger().ok()).isFalse();
        assertThat(report.ledger().result().brokenSeq()).isEqualTo(5);
        assertThat(report.ledger().result().breakage()).isEqualTo(LedgerVerification.Breakage.PREV_LINK_BROKEN);
        assertThat(report.verified()).isFalse();
    }

    @Test
    void aLedgerSegmentCutShortOfItsAnchorFails() throws Exception {
        Path zip = dir.resolve("short-ledger.zip");
        List<LedgerRecord> ledger = TestBundles.ledger();
        try (var out = Files.newOutputStream(zip);
             BundleWriter writer = BundleWriter.open(out, SIGNER, TestBundles.METADATA)) {
            writer.addFile(BundleLayout.LEDGER_SEGMENT, LedgerSegment.MEDIA_TYPE,
                    o -> o.write(LedgerSegment.toJsonLine(ledger.get(0)).getBytes(StandardCharsets.UTF_8)));
            writer.addFile(BundleLayout.LEDGER_ANCHOR, "application/json", o -> o.write(
                    ("{\"prevHash\":\"" + LedgerRecord.GENESIS_HASH + "\",\"firstSeq\":1,\"recordCount\":2,"
                            + "\"lastHash\":\"" + ledger.get(1).hash() + "\"}").getBytes(StandardCharsets.UTF_8)));
            writer.finish();
        }

        LedgerVerification result = verifyTrusted(zip).ledger().result();

        assertThat(result.valid()).isFalse();
        assertThat(result.breakage()).isEqualTo(LedgerVerification.Breakage.ANCHOR_MISMATCH);
        assertThat(result.brokenSeq()).isEqualTo(2);
    }

    @Test
    void notAZipIsAFailureNotACrash() throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        VerificationReport report = verifyTrusted(junk);
        assertThat(report.verified()).isFalse();
        assertThat(failedPaths(report)).containsExactly("junk.zip");
    }
}
