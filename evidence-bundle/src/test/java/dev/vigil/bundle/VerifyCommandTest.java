package dev.vigil.bundle;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {
    private static final BundleSigner SIGNER = BundleSigner.generate();

    @TempDir
    static Path dir;
    private static Path bundle;
    private static Path publicKey;

    @BeforeAll
    static void writeBundle() throws Exception {
        bundle = dir.resolve("q1.zip");
        TestBundles.write(bundle, SIGNER);
        publicKey = Files.writeString(dir.resolve("vigil-signing-key.jwk.json"), SIGNER.publicJwk().toJSONString());
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodBundleWithThePinnedKeyIsVerified() {
        Run run = run(bundle.toString(), "--public-key", publicKey.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(
                "Period     2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z",
                "Signature  VALID, algorithm ES256, key id " + SIGNER.keyId() + "\n",
                "checked with the trusted public key " + publicKey + ": proves origin and integrity",
                "Files      7 listed, 7 verified, 0 problem(s)",
                "Ledger     LINKS: 5 records, seq 3..7, from " + TestBundles.ledger().get(1).hash());
        assertThat(run.out()).endsWith("VERIFIED\n").doesNotContain("FAILED");
    }

    @Test
    void withoutAPinnedKeyItSaysItProvesIntegrityOnly() {
        Run run = run(bundle.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("this proves integrity only, not origin", "pass --public-key")
                .endsWith("VERIFIED\n");
    }

    @Test
    void aChangedFileFailsWithItsNameAndExitCode1() throws Exception {
        Path tampered = TestBundles.flipByte(bundle, dir.resolve("tampered.zip"), "controls.csv", 10);

        Run run = run(tampered.toString(), "--public-key", publicKey.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Signature  VALID", "Files      7 listed, 6 verified, 1 problem(s)",
                "  FAILED   controls.csv: sha256 ").endsWith("\nFAILED\n");
    }

    @Test
    void anotherSignersBundleFailsAgainstThePinnedKey() throws Exception {
        Path forged = dir.resolve("forged.zip");
        TestBundles.write(forged, BundleSigner.generate());

        Run run = run(forged.toString(), "--public-key", publicKey.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Signature  INVALID, algorithm ES256", "  FAILED   manifest.jws: signed by key ")
                .endsWith("\nFAILED\n");
    }

    @Test
    void anUnlistedFileFails() throws Exception {
        Path extra = TestBundles.rewrite(bundle, dir.resolve("extra.zip"), (n, b) -> b,
                Map.of("README.txt", "trust me".getBytes(StandardCharsets.UTF_8)));
        Run run = run(extra.toString(), "--public-key", publicKey.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  FAILED   README.txt: in the bundle but not listed in manifest.json");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("--verbose", bundle.toString()).err()).contains("unexpected argument '--verbose'");
        assertThat(run(dir.resolve("absent.zip").toString()).exitCode()).isEqualTo(2);
        Run badKey = run(bundle.toString(), "--public-key", bundle.toString());
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("cannot read the public key");
    }
}
