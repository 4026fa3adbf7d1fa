package dev.vigil.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key rotation: a service signs with the newest valid key, publishes every key with its validity as a JWK Set, and
 * the verifier, given that pinned set, accepts a bundle only with the key it names and only when the bundle's signed
 * creation time lies within that key's validity.
 */
class KeyRotationTest {
    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant APR = Instant.parse("2026-04-01T00:00:00Z");
    static final BundleSigner RETIRED = BundleSigner.generate();
    static final BundleSigner CURRENT = BundleSigner.generate();

    @TempDir
    static Path dir;
    /** As the service publishes it once RETIRED is retired: its public half only, valid January to April. */
    static BundleKeySet published;
    static Path jwks;

    @BeforeAll
    static void rotate() throws Exception {
        BundleSigningKeys keys = BundleSigningKeys.of(List.of(
                BundleSigningKeys.Entry.retired(BundleKey.of(RETIRED, JAN, null)),
                BundleSigningKeys.Entry.signing(CURRENT, APR, null)));
        published = BundleKeySet.parse(keys.keySet().toJson());
        jwks = Files.writeString(dir.resolve("signing-keys.jwks.json"), keys.keySet().toJson());
    }

    @Test
    void theNewestValidKeySignsAndARetiredKeyIsValidUntilItsSuccessorStarts() {
        BundleSigningKeys keys = BundleSigningKeys.of(List.of(
                BundleSigningKeys.Entry.signing(CURRENT, APR, null),
                BundleSigningKeys.Entry.signing(RETIRED, JAN, null)));

        assertThat(keys.signerAt(Instant.parse("2026-03-31T23:59:59Z")).keyId()).isEqualTo(RETIRED.keyId());
        assertThat(keys.signerAt(APR).keyId()).isEqualTo(CURRENT.keyId());
        assertThat(keys.entries()).extracting(e -> e.key().kid()).containsExactly(RETIRED.keyId(), CURRENT.keyId());
        assertThat(keys.entries().get(0).key().notAfter()).isEqualTo(APR);
        assertThat(keys.entries().get(1).key().notAfter()).isNull();
        assertThatThrownBy(() -> keys.signerAt(Instant.parse("2025-12-31T00:00:00Z")))
                .hasMessageContaining("no configured key covers that time");

        // Retired means public half only: the key still verifies, but never signs again.
        BundleSigningKeys rotated = BundleSigningKeys.of(List.of(
                BundleSigningKeys.Entry.retired(BundleKey.of(RETIRED, JAN, APR)),
                BundleSigningKeys.Entry.signing(CURRENT, Instant.parse("2026-05-01T00:00:00Z"), null)));
        assertThatThrownBy(() -> rotated.signerAt(Instant.parse("2026-03-01T00:00:00Z")))
                .hasMessageContaining("only its public key is configured");
        assertThatThrownBy(() -> rotated.signerAt(Instant.parse("2026-04-15T00:00:00Z")))
                .hasMessageContaining("no configured key covers that time");
        assertThatThrownBy(() -> BundleSigningKeys.of(List.of(BundleSigningKeys.Entry.signing(RETIRED, JAN, null),
                BundleSigningKeys.Entry.signing(CURRENT, JAN, null)))).hasMessageContaining("the same notBefore");
    }

    @Test
    void theKeySetIsAJwkSetWithKidAndValidity() throws Exception {
        JsonNode set = JsonFields.MAPPER.readTree(Files.readString(jwks));
        assertThat(set.path("keys")).hasSize(2);
        JsonNode retired = set.path("keys").get(0);
        assertThat(retired.path("kid").asText()).isEqualTo(RETIRED.keyId());
        assertThat(retired.path("kty").asText()).isEqualTo("EC");
        assertThat(retired.path("alg").asText()).isEqualTo("ES256");
        assertThat(retired.path("use").asText()).isEqualTo("sig");
        assertThat(retired.path("nbf").asLong()).isEqualTo(JAN.getEpochSecond());
        assertThat(retired.path("exp").asLong()).isEqualTo(APR.getEpochSecond());
        assertThat(retired.has("d")).isFalse();
        JsonNode current = set.path("keys").get(1);
        assertThat(current.path("nbf").asLong()).isEqualTo(APR.getEpochSecond());
        assertThat(current.has("exp")).isFalse();

        assertThat(published.keys()).extracting(BundleKey::kid).containsExactly(RETIRED.keyId(), CURRENT.keyId());
        assertThat(published.find(RETIRED.keyId()).notAfter()).isEqualTo(APR);

        // A set naming a key by another id than its thumbprint is refused: one key could pass for another.
        String relabelled = Files.readString(jwks).replace(RETIRED.keyId(), "2026-q1");
        assertThatThrownBy(() -> BundleKeySet.parse(relabelled)).hasMessageContaining("thumbprint");
    }

    @Test
    void aBundleSignedByARetiredKeyBeforeItsRetirementVerifiesAndNamesItsKey() throws Exception {
        Path bundle = dir.resolve("q1.zip");
        TestBundles.write(bundle, RETIRED, Instant.parse("2026-03-31T08:00:00Z"));

        VerificationReport report = BundleVerifier.trusting(published).verify(bundle);

        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.signature().keySource()).isEqualTo(VerificationReport.KeySource.KEY_SET);
        assertThat(report.signature().keyId()).isEqualTo(RETIRED.keyId());
        assertThat(report.manifest().signingKeyId()).isEqualTo(RETIRED.keyId());

        Path next = dir.resolve("q2.zip");
        TestBundles.write(next, CURRENT, Instant.parse("2026-07-02T08:00:00Z"));
        VerificationReport afterRotation = BundleVerifier.trusting(published).verify(next);
        assertThat(afterRotation.verified()).isTrue();
        assertThat(afterRotation.signature().keyId()).isEqualTo(CURRENT.keyId()).isNotEqualTo(RETIRED.keyId());
    }

    @Test
    void aBundleClaimingCreationAfterItsKeyWasRetiredFails() throws Exception {
        Path bundle = dir.resolve("late.zip");
        TestBundles.write(bundle, RETIRED, Instant.parse("2026-04-02T08:00:00Z"));

        VerificationReport report = BundleVerifier.trusting(published).verify(bundle);

        assertThat(report.verified()).isFalse();
        assertThat(report.signature().valid()).isFalse();
        assertThat(report.signature().detail()).contains("key " + RETIRED.keyId()
                        + " was not valid at the bundle's creation time 2026-04-02T08:00:00Z",
                "valid from 2026-01-01T00:00:00Z until 2026-04-01T00:00:00Z", "after the key was retired");
        assertThat(report.problems()).extracting(VerificationReport.FileProblem::path).containsExactly("manifest.jws");
        // The files themselves are intact: only the key's validity fails.
        assertThat(report.filesVerified()).isEqualTo(report.filesListed());

        Path early = dir.resolve("early.zip");
        TestBundles.write(early, CURRENT, Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(BundleVerifier.trusting(published).verify(early).signature().detail())
                .contains("before the key came into use");
    }

    @Test
    void aBundleSignedByAKeyOutsideThePinnedSetFails() throws Exception {
        BundleSigner stranger = BundleSigner.generate();
        Path bundle = dir.resolve("stranger.zip");
        TestBundles.write(bundle, stranger, Instant.parse("2026-03-02T08:00:00Z"));

        VerificationReport report = BundleVerifier.trusting(published).verify(bundle);

        assertThat(report.verified()).isFalse();
        assertThat(report.signature().detail()).contains("signed by key " + stranger.keyId()
                + ", which is not in the trusted key set (unknown key id", RETIRED.keyId(), CURRENT.keyId());
    }

    @Test
    void aBadSignatureFailsAsSuch() throws Exception {
        Path bundle = dir.resolve("good.zip");
        TestBundles.write(bundle, RETIRED, Instant.parse("2026-03-02T08:00:00Z"));
        Path forged = TestBundles.rewrite(bundle, dir.resolve("bad-signature.zip"), (name, bytes) -> {
            if (!name.equals(BundleLayout.SIGNATURE)) {
                return bytes;
            }
            String[] parts = new String(bytes, StandardCharsets.US_ASCII).split("\\.", -1);
            byte[] signature = new Base64URL(parts[2]).decode();
            signature[5] ^= 0x01;
            return (parts[0] + ".." + Base64URL.encode(signature)).getBytes(StandardCharsets.US_ASCII);
        }, java.util.Map.of());

        VerificationReport report = BundleVerifier.trusting(published).verify(forged);

        assertThat(report.verified()).isFalse();
        assertThat(report.signature().detail()).contains("the signature does not verify over manifest.json with key "
                + RETIRED.keyId(), "bad signature");
    }

    @Test
    void theCommandTakesTheKeySetAndSaysWhyItFails() throws Exception {
        Path good = dir.resolve("cmd-good.zip");
        TestBundles.write(good, RETIRED, Instant.parse("2026-03-31T08:00:00Z"));
        Path late = dir.resolve("cmd-late.zip");
        TestBundles.write(late, RETIRED, Instant.parse("2026-04-02T08:00:00Z"));

        Run ok = run(good.toString(), "--key-set", jwks.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("Signature  VALID, algorithm ES256, key id " + RETIRED.keyId(),
                "key " + RETIRED.keyId() + " of the trusted key set " + jwks
                        + ", valid from 2026-01-01T00:00:00Z until 2026-04-01T00:00:00Z",
                "and the bundle was created within it: proves origin and integrity").endsWith("VERIFIED\n");

        Run failed = run(late.toString(), "--key-set", jwks.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("Signature  INVALID", "  FAILED   manifest.jws: key " + RETIRED.keyId()
                + " was not valid at the bundle's creation time 2026-04-02T08:00:00Z").endsWith("\nFAILED\n");

        Run both = run(good.toString(), "--key-set", jwks.toString(), "--public-key", jwks.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("either --key-set or --public-key");
        Run notASet = run(good.toString(), "--key-set", good.toString());
        assertThat(notASet.code()).isEqualTo(2);
        assertThat(notASet.err()).contains("cannot read the key set");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
