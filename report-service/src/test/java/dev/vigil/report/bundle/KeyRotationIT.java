package dev.vigil.report.bundle;

import dev.vigil.bundle.BundleKey;
import dev.vigil.bundle.BundleKeySet;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleVerifier;
import dev.vigil.bundle.BundleWriter;
import dev.vigil.bundle.BundleMetadata;
import dev.vigil.bundle.VerificationReport;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A key rotation on the running service: three keys configured as docs/bundles.md describes (one retired, kept as its
 * public half only; one that signed until 2026-03-01; the current one since), bundles downloaded before and after the
 * rotation (the service's clock set to a day in February, then in March), and both verified as an auditor would
 * against the key set the service publishes, each naming its own key.
 */
@QuarkusTest
@TestProfile(KeyRotationIT.Rotation.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StandInEvaluator.class)
class KeyRotationIT {
    static final Path KEYS = Path.of("target", "key-rotation-it");
    static final Instant Y2025 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    /** The keys, made once into target/key-rotation-it, owner-only; the retired one configured by its public half. */
    public static class Rotation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path retired = key("retired");
            Path retiredPublic = KEYS.resolve("retired.public.jwk.json");
            try {
                Files.writeString(retiredPublic, load(retired).publicJwk().toJSONString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.ofEntries(
                    Map.entry("vigil.bundles.signing-keys[0].public-key", retiredPublic.toAbsolutePath().toString()),
                    Map.entry("vigil.bundles.signing-keys[0].not-before", "2025-01-01"),
                    Map.entry("vigil.bundles.signing-keys[0].not-after", "2026-01-01T00:00:00Z"),
                    Map.entry("vigil.bundles.signing-keys[1].file", key("q1").toAbsolutePath().toString()),
                    Map.entry("vigil.bundles.signing-keys[1].key-id", load(key("q1")).keyId()),
                    Map.entry("vigil.bundles.signing-keys[1].not-before", JAN.toString()),
                    Map.entry("vigil.bundles.signing-keys[2].file", key("current").toAbsolutePath().toString()),
                    Map.entry("vigil.bundles.signing-keys[2].not-before", MAR.toString()));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    /** A private key file under target/key-rotation-it, generated owner-only the first time. */
    static Path key(String name) {
        Path file = KEYS.resolve(name + ".jwk.json");
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(KEYS);
                BundleSigner.generate().savePrivateJwk(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    static BundleSigner load(Path file) {
        try {
            return BundleSigner.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    MovableClock clock;

    @BeforeEach
    void signIn() {
        TestUsers.signInAs(TestUsers.ENGINEER);
    }

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    @Test
    void bundlesBeforeAndAfterTheRotationVerifyAgainstThePublishedKeySetAndNameTheirKeys() throws Exception {
        clock.set(Instant.parse("2026-02-15T12:00:00Z"));
        Path february = download("2026-02-01", "2026-02-14", "february.zip");
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        Path march = download("2026-03-01", "2026-03-14", "march.zip");
        String currentJwk = given().auth().none().get("/api/bundles/signing-key").then().statusCode(200)
                .extract().asString();
        clock.reset();

        // What an auditor pins: fetched without signing in.
        String jwks = given().auth().none().get("/api/bundles/signing-keys").then().statusCode(200)
                .contentType(containsString("application/jwk-set+json")).extract().asString();
        BundleKeySet published = BundleKeySet.parse(jwks);
        String retired = load(key("retired")).keyId();
        String q1 = load(key("q1")).keyId();
        String current = load(key("current")).keyId();
        assertThat(published.keys()).extracting(BundleKey::kid).containsExactly(retired, q1, current);
        assertThat(published.find(retired).notBefore()).isEqualTo(Y2025);
        assertThat(published.find(retired).notAfter()).isEqualTo(JAN);
        assertThat(published.find(q1).notBefore()).isEqualTo(JAN);
        assertThat(published.find(q1).notAfter()).as("until its successor starts").isEqualTo(MAR);
        assertThat(published.find(current).notBefore()).isEqualTo(MAR);
        assertThat(published.find(current).notAfter()).isNull();
        assertThat(jwks).doesNotContain("\"d\"");
        assertThat(currentJwk).contains("\"kid\":\"" + current + "\"");

        VerificationReport before = BundleVerifier.trusting(published).verify(february);
        VerificationReport after = BundleVerifier.trusting(published).verify(march);
        assertThat(before.problems()).isEmpty();
        assertThat(before.verified()).isTrue();
        // the evaluator's ledger of one chain per partition, checked against its signed checkpoint
        assertThat(before.ledger().chains()).extracting(VerificationReport.ChainCheck::chain)
                .containsExactly("vigil.evidence.v1-0");
        assertThat(before.ledger().checkpoints()).isEqualTo(1);
        assertThat(before.ledger().problems()).isEmpty();
        assertThat(after.problems()).isEmpty();
        assertThat(after.verified()).isTrue();
        assertThat(before.signature().keyId()).isEqualTo(q1);
        assertThat(after.signature().keyId()).isEqualTo(current);
        assertThat(before.manifest().signingKeyId()).isEqualTo(q1);
        assertThat(after.manifest().signingKeyId()).isEqualTo(current);
        assertThat(before.manifest().metadata().createdAt()).isEqualTo(Instant.parse("2026-02-15T12:00:00Z"));

        // The offline command, as the auditor runs it.
        Path pinned = Files.writeString(KEYS.resolve("pinned.jwks.json"), jwks);
        assertThat(VerifyRun.of(february, "--key-set", pinned).out()).contains("key id " + q1).endsWith("VERIFIED\n");
        assertThat(VerifyRun.of(march, "--key-set", pinned).out()).contains("key id " + current)
                .endsWith("VERIFIED\n");
        // The retired key still vouches for what it signed while valid, and for nothing it "signed" later.
        Path old = signOffline(load(key("retired")), Instant.parse("2025-12-15T08:00:00Z"), "retired-in-time.zip");
        assertThat(BundleVerifier.trusting(published).verify(old).verified()).isTrue();
        Path late = signOffline(load(key("retired")), Instant.parse("2026-02-01T08:00:00Z"), "retired-late.zip");
        VerificationReport refused = BundleVerifier.trusting(published).verify(late);
        assertThat(refused.verified()).isFalse();
        assertThat(refused.signature().detail()).contains("key " + retired
                + " was not valid at the bundle's creation time 2026-02-01T08:00:00Z");
    }

    @Test
    void withNoKeyValidAtTheTimeNoBundleIsSigned() {
        clock.set(Instant.parse("2024-06-15T00:00:00Z"));
        given().queryParam("from", "2024-06-01").queryParam("to", "2024-06-14").get("/api/bundles").then()
                .statusCode(503).body("error", containsString("no bundle signing key with its private key is valid"));
    }

    private static Path download(String from, String to, String name) throws IOException {
        byte[] zip = given().queryParam("from", from).queryParam("to", to).get("/api/bundles").then().statusCode(200)
                .extract().asByteArray();
        return Files.write(KEYS.resolve(name), zip);
    }

    /** A small bundle signed outside the service with {@code signer}, claiming creation at {@code createdAt}. */
    private static Path signOffline(BundleSigner signer, Instant createdAt, String name) throws IOException {
        Path file = KEYS.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
             BundleWriter bundle = BundleWriter.open(out, signer, new BundleMetadata(PeriodBundle.GENERATOR, "test",
                     "2026.1", createdAt.minusSeconds(86_400), createdAt, createdAt))) {
            bundle.addFile("controls.csv", "text/csv", o -> o.write("control\n".getBytes()));
            bundle.finish();
        }
        return file;
    }

    /** Runs vigil-verify's command in-process. */
    record VerifyRun(int code, String out) {
        static VerifyRun of(Path bundle, String flag, Path keys) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
            int code = dev.vigil.bundle.VerifyCommand.run(new String[] {bundle.toString(), flag, keys.toString()},
                    print, print);
            return new VerifyRun(code, out.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
