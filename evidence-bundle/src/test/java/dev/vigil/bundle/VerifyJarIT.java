package dev.vigil.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged target/vigil-verify.jar in its own JVM, as an auditor would. */
class VerifyJarIT {
    private static final Path JAR = Path.of("target", "vigil-verify.jar");

    @TempDir
    Path dir;

    private record Result(int exitCode, String output) {
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void theStandaloneJarVerifiesAGoodBundleAndRejectsAChangedOne() throws Exception {
        assertThat(JAR).exists();
        BundleSigner signer = BundleSigner.generate();
        Path bundle = dir.resolve("bundle.zip");
        TestBundles.write(bundle, signer);
        Path key = Files.writeString(dir.resolve("key.jwk.json"), signer.publicJwk().toJSONString());

        Result good = java(bundle.toString(), "--public-key", key.toString());
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("Signature  VALID, algorithm ES256, key id " + signer.keyId())
                .endsWith("VERIFIED\n");

        Path keySet = Files.writeString(dir.resolve("keys.jwks.json"),
                BundleSigningKeys.single(signer).keySet().toJson());
        Result pinnedSet = java(bundle.toString(), "--key-set", keySet.toString());
        assertThat(pinnedSet.exitCode()).as(pinnedSet.output()).isZero();
        assertThat(pinnedSet.output()).contains("key " + signer.keyId() + " of the trusted key set")
                .endsWith("VERIFIED\n");

        Path tampered = TestBundles.flipByte(bundle, dir.resolve("tampered.zip"), "ledger/segment.jsonl", 40);
        Result bad = java(tampered.toString(), "--public-key", key.toString());
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(1);
        assertThat(bad.output()).contains("  FAILED   ledger/segment.jsonl: sha256 ", "Ledger     BROKEN at seq 3")
                .endsWith("FAILED\n");
    }
}
