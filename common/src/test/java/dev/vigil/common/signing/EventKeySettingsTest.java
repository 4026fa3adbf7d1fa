package dev.vigil.common.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventKeySettingsTest {
    @TempDir
    Path dir;

    static EventKeySettings.Source source(Map<String, String> values) {
        return new EventKeySettings.Source() {
            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(values.get(name));
            }

            @Override
            public Iterable<String> names() {
                return values.keySet();
            }
        };
    }

    @Test
    void nothingConfiguredRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> EventKeySettings.signer(source(Map.of())))
                .hasMessageContaining("vigil.events.signing.key-file").hasMessageContaining("vigil.events.signing.enabled=false");
        assertThatThrownBy(() -> EventKeySettings.verifier(source(Map.of())))
                .hasMessageContaining("vigil.events.trusted-keys").hasMessageContaining("vigil.events.verification=off");
    }

    @Test
    void turnedOffExplicitlyThereIsNoSignerAndNoVerifier() {
        assertThat(EventKeySettings.signer(source(Map.of("vigil.events.signing.enabled", "false")))).isEmpty();
        assertThat(EventKeySettings.verifier(source(Map.of("vigil.events.verification", "off")))).isEmpty();
        assertThatThrownBy(() -> EventKeySettings.verifier(source(Map.of("vigil.events.verification", "maybe"))))
                .hasMessageContaining("on or off");
    }

    @Test
    void keysGeneratedIntoFilesSignAndVerifyByMapAndByFolder() throws IOException {
        KeyPair a = Ed25519Keys.generate();
        KeyPair b = Ed25519Keys.generate();
        Ed25519Keys.writePair(a, dir.resolve("a.key.pem"), dir.resolve("trusted/collector-1.pem"));
        Ed25519Keys.writePair(b, dir.resolve("b.key.pem"), dir.resolve("b.pub.pem"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.key.pem"))))
                .isEqualTo("rw-------");

        Map<String, String> config = new HashMap<>();
        config.put("vigil.events.signing.key-file", dir.resolve("a.key.pem").toString());
        config.put("vigil.events.signing.key-id", "collector-1");
        config.put("vigil.events.trusted-keys-dir", dir.resolve("trusted").toString());
        config.put("vigil.events.trusted-keys.\"report-2026\"", dir.resolve("b.pub.pem").toString());
        config.put("%prod.vigil.events.trusted-keys.\"inactive\"", dir.resolve("b.pub.pem").toString());
        EventSigner signer = EventKeySettings.signer(source(config)).orElseThrow();
        EventVerifier verifier = EventKeySettings.verifier(source(config)).orElseThrow();

        assertThat(verifier.keyIds()).containsExactly("collector-1", "report-2026");
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(value, signer.sign(value), "collector-1").verified()).isTrue();
        String byB = EventSigner.fromPemFile(dir.resolve("b.key.pem"), "report-2026").sign(value);
        assertThat(verifier.verify(value, byB, "report-2026").verified()).isTrue();
        assertThat(signer.toString()).doesNotContain(Files.readString(dir.resolve("a.key.pem")).substring(28, 60));
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefused() throws IOException {
        Ed25519Keys.writePair(Ed25519Keys.generate(), dir.resolve("k.pem"), dir.resolve("k.pub.pem"));
        Files.setPosixFilePermissions(dir.resolve("k.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EventSigner.fromPemFile(dir.resolve("k.pem"), "k"))
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aPublicKeyFileIsNotAPrivateKey() {
        Ed25519Keys.writePair(Ed25519Keys.generate(), dir.resolve("k.pem"), dir.resolve("k.pub.pem"));
        assertThatThrownBy(() -> Ed25519Keys.parsePrivateKey(Ed25519Keys.pem(Ed25519Keys.generate().getPublic()), "x.pem"))
                .hasMessageContaining("x.pem").hasMessageContaining("BEGIN PRIVATE KEY");
    }

    @Test
    void eventsTooFarInTheFutureAreRejectedWithTheReason() {
        Instant now = Instant.parse("2026-12-02T01:00:00Z");
        EventAdmission admission = new EventAdmission(Optional.empty(), Duration.ofMinutes(5),
                Clock.fixed(now, ZoneOffset.UTC));
        admission.requireNotFuture(now.minus(Duration.ofDays(400)));
        admission.requireNotFuture(now.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> admission.requireNotFuture(Instant.parse("2027-01-01T00:00:00Z")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("FUTURE_TIME: event time 2027-01-01T00:00:00Z is PT719H ahead")
                .hasMessageContaining("vigil.events.max-clock-skew PT5M");
    }

    @Test
    void admissionRejectsWhatDoesNotVerifyWithTheVerificationsReason() {
        KeyPair pair = Ed25519Keys.generate();
        EventAdmission admission = new EventAdmission(Optional.of(new EventVerifier(Map.of("k", pair.getPublic()))),
                Duration.ofMinutes(5), Clock.systemUTC());
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = new EventSigner(pair.getPrivate(), "k").sign(value).getBytes(StandardCharsets.UTF_8);
        admission.requireTrusted(value, sig, "k".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> admission.requireTrusted(value, null, null)).hasMessageStartingWith("UNSIGNED");
        // verification off: anything passes
        new EventAdmission(Optional.empty(), Duration.ZERO, Clock.systemUTC()).requireTrusted(value, null, null);
    }
}
