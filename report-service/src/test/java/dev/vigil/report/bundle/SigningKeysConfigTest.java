package dev.vigil.report.bundle;

import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleSigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How report-service reads its bundle signing keys at start-up ({@link BundleBeans#load}): what it refuses stops the
 * service with the message tested here.
 */
class SigningKeysConfigTest {
    static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    Path dir;

    record Key(Optional<Path> file, Optional<Path> publicKey, Optional<String> keyId, Optional<String> notBefore,
               Optional<String> notAfter) implements BundleConfig.SigningKey {
        static Key file(Path file, String notBefore) {
            return new Key(Optional.of(file), Optional.empty(), Optional.empty(), Optional.ofNullable(notBefore),
                    Optional.empty());
        }

        static Key retired(Path publicKey, String notBefore, String notAfter) {
            return new Key(Optional.empty(), Optional.of(publicKey), Optional.empty(), Optional.ofNullable(notBefore),
                    Optional.ofNullable(notAfter));
        }
    }

    record Config(Optional<Path> signingKey, Optional<List<BundleConfig.SigningKey>> signingKeys, Path generatedKeyFile)
            implements BundleConfig {
        @Override
        public String evaluatorUrl() {
            return "http://127.0.0.1:1";
        }

        @Override
        public Duration evaluatorTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public int pageSize() {
            return 10;
        }

        @Override
        public Duration maxPeriod() {
            return Duration.ofDays(400);
        }
    }

    Config single(Path key) {
        return new Config(Optional.of(key), Optional.empty(), dir.resolve("demo.jwk.json"));
    }

    Config set(BundleConfig.SigningKey... keys) {
        return new Config(Optional.empty(), Optional.of(List.of(keys)), dir.resolve("demo.jwk.json"));
    }

    Path privateKey(String name) throws Exception {
        Path file = dir.resolve(name + ".jwk.json");
        BundleSigner.generate().savePrivateJwk(file);
        return file;
    }

    Path publicHalf(Path privateKey) throws Exception {
        return Files.writeString(dir.resolve(privateKey.getFileName() + ".pub"),
                BundleSigner.load(privateKey).publicJwk().toJSONString());
    }

    @Test
    void aKeyFileItsGroupOrOthersCanReadStopsTheServiceNamingItAndTheFix() throws Exception {
        Path key = privateKey("bundle-signing");
        assumeTrue(Files.getFileStore(key).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> BundleBeans.load(single(key), NOW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key file " + key).hasMessageContaining("chmod 600 " + key);
        assertThatThrownBy(() -> BundleBeans.load(set(Key.file(key, "2026-01-01")), NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 600 " + key);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(BundleBeans.load(single(key), NOW).signerAt(NOW).keyId())
                .isEqualTo(BundleSigner.load(key).keyId());
    }

    @Test
    void theDemoKeyIsGeneratedOwnerOnlyAndRefusedOnceOthersCanReadIt() throws Exception {
        Config demo = new Config(Optional.empty(), Optional.empty(), dir.resolve("data/bundle-signing-key.jwk.json"));
        String kid = BundleBeans.load(demo, NOW).signerAt(NOW).keyId();
        Path file = demo.generatedKeyFile();
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(BundleBeans.load(demo, NOW).signerAt(NOW).keyId()).as("kept").isEqualTo(kid);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> BundleBeans.load(demo, NOW)).hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void aKeySetSignsWithTheNewestValidKeyAndKeepsRetiredKeysAsPublicHalves() throws Exception {
        Path old = privateKey("2025");
        Path q1 = privateKey("2026-q1");
        Path current = privateKey("2026-q2");
        BundleSigningKeys keys = BundleBeans.load(set(Key.retired(publicHalf(old), "2025-01-01", "2026-01-01"),
                Key.file(q1, "2026-01-01T00:00:00Z"), Key.file(current, "2026-04-01")), NOW);

        assertThat(keys.signerAt(NOW).keyId()).isEqualTo(BundleSigner.load(current).keyId());
        assertThat(keys.signerAt(Instant.parse("2026-03-31T23:59:59Z")).keyId())
                .isEqualTo(BundleSigner.load(q1).keyId());
        assertThat(keys.entries()).extracting(e -> e.key().notAfter()).containsExactly(
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), null);
        assertThat(keys.entries().get(0).signer()).as("public half only").isNull();
    }

    @Test
    void configurationMistakesStopTheServiceWithTheReason() throws Exception {
        Path key = privateKey("k");
        Path other = privateKey("other");
        assertThatThrownBy(() -> BundleBeans.load(new Config(Optional.of(key),
                Optional.of(List.of(Key.file(other, null))), dir.resolve("demo.jwk.json")), NOW))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> BundleBeans.load(set(new Key(Optional.of(key), Optional.empty(),
                Optional.of("someone-else"), Optional.empty(), Optional.empty())), NOW))
                .hasMessageContaining("vigil.bundles.signing-keys[0].key-id is someone-else");
        assertThatThrownBy(() -> BundleBeans.load(set(Key.file(key, "next tuesday")), NOW))
                .hasMessageContaining("vigil.bundles.signing-keys[0].not-before 'next tuesday'");
        assertThatThrownBy(() -> BundleBeans.load(set(Key.file(key, "2027-01-01")), NOW))
                .hasMessageContaining("no bundle signing key with its private key is valid at " + NOW);
        assertThatThrownBy(() -> BundleBeans.load(set(Key.retired(publicHalf(key), "2026-01-01", null)), NOW))
                .hasMessageContaining("only its public key is configured");
        assertThatThrownBy(() -> BundleBeans.load(set(new Key(Optional.of(key), Optional.of(publicHalf(other)),
                Optional.empty(), Optional.empty(), Optional.empty())), NOW)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> BundleBeans.load(set(Key.retired(key, null, "2026-01-01")), NOW))
                .hasMessageContaining("private key");
    }
}
