package dev.vigil.common.signing;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.SourceRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSignatureTest {
    static final KeyPair COLLECTOR = Ed25519Keys.generate();
    static final KeyPair COLLECTOR_NEXT = Ed25519Keys.generate();
    static final KeyPair STRANGER = Ed25519Keys.generate();

    static byte[] event(String encryption) {
        EvidenceEvent e = EvidenceEvent.of(new SourceRef("aws", "111122223333"), "aws.s3.bucket",
                "aws:111122223333:s3:acme-backups", Instant.parse("2026-11-23T10:15:30Z"), "run-1",
                Map.of("bucket", "acme-backups", "defaultEncryption", encryption),
                new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "acme-backups"), null, "ab".repeat(32),
                        "aws-s3", "test"));
        return EventCodec.encode(e).getBytes(StandardCharsets.UTF_8);
    }

    static EventVerifier trusting(String keyId, KeyPair pair) {
        return new EventVerifier(Map.of(keyId, pair.getPublic()));
    }

    @Test
    void aSignedEventVerifiesUnderItsKeyId() {
        EventSigner signer = new EventSigner(COLLECTOR.getPrivate(), "collector-1");
        byte[] value = event("AES256");
        Verification v = trusting("collector-1", COLLECTOR).verify(value, signer.sign(value), "collector-1");
        assertThat(v).isEqualTo(Verification.verified("collector-1"));
        assertThat(signer.sign(value)).doesNotContain("=", "+", "/"); // base64url, no padding
    }

    @Test
    void theSignatureIsTheOneTheJdkWrites() throws Exception {
        // the signer uses Bouncy Castle for speed; what it writes must not depend on that
        byte[] value = event("AES256");
        Signature jdk = Signature.getInstance(EventSignatures.ALGORITHM);
        jdk.initSign(COLLECTOR.getPrivate());
        jdk.update(value);
        assertThat(new EventSigner(COLLECTOR.getPrivate(), "collector-1").sign(value))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(jdk.sign()));
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefusedAtOnce() throws Exception {
        PrivateKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        assertThatThrownBy(() -> new EventSigner(ec, "k"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot sign with event key 'k'");
    }

    @Test
    void theHeadersASignerWritesAreWhatTheVerifierReads() {
        EventSigner signer = new EventSigner(COLLECTOR.getPrivate(), "collector-1");
        String value = new String(event("AES256"), StandardCharsets.UTF_8);
        Map<String, byte[]> headers = signer.headers(value);
        assertThat(headers.keySet()).containsExactly(EventSignatures.SIGNATURE_HEADER, EventSignatures.KEY_ID_HEADER);
        assertThat(trusting("collector-1", COLLECTOR).verify(value.getBytes(StandardCharsets.UTF_8),
                headers.get(EventSignatures.SIGNATURE_HEADER), headers.get(EventSignatures.KEY_ID_HEADER)))
                .isEqualTo(Verification.verified("collector-1"));
    }

    @Test
    void aTamperedFieldBreaksTheSignature() {
        EventSigner signer = new EventSigner(COLLECTOR.getPrivate(), "collector-1");
        byte[] signed = event("AES256");
        String signature = signer.sign(signed);
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("\"AES256\"", "\"aws:kms\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(signed);

        Verification v = trusting("collector-1", COLLECTOR).verify(tampered, signature, "collector-1");
        assertThat(v.outcome()).isEqualTo(Verification.Outcome.BAD_SIGNATURE);
        assertThat(v.reason()).startsWith("BAD_SIGNATURE(collector-1)");
    }

    @Test
    void aKeyNotTrustedUnderTheKeyIdItClaimsIsABadSignature() {
        // A forger who knows the trusted key id but not its key.
        byte[] value = event("AES256");
        String forged = new EventSigner(STRANGER.getPrivate(), "collector-1").sign(value);
        assertThat(trusting("collector-1", COLLECTOR).verify(value, forged, "collector-1").outcome())
                .isEqualTo(Verification.Outcome.BAD_SIGNATURE);
    }

    @Test
    void anUnknownKeyIdIsNamed() {
        byte[] value = event("AES256");
        String signature = new EventSigner(STRANGER.getPrivate(), "attacker").sign(value);
        Verification v = trusting("collector-1", COLLECTOR).verify(value, signature, "attacker");
        assertThat(v).isEqualTo(new Verification(Verification.Outcome.UNKNOWN_KEY, "attacker"));
        assertThat(v.reason()).startsWith("UNKNOWN_KEY(attacker)").contains("not among this service's trusted keys");

        assertThat(trusting("collector-1", COLLECTOR).verify(value, signature, (String) null).reason())
                .startsWith("UNKNOWN_KEY()").contains("no vigil-key-id header");
    }

    @Test
    void anUnsignedRecordIsUnsigned() {
        Verification v = trusting("collector-1", COLLECTOR).verify(event("AES256"), (byte[]) null, null);
        assertThat(v.outcome()).isEqualTo(Verification.Outcome.UNSIGNED);
        assertThat(v.reason()).startsWith("UNSIGNED").contains("vigil-signature");
    }

    @Test
    void garbageInTheSignatureHeaderIsABadSignature() {
        EventVerifier verifier = trusting("collector-1", COLLECTOR);
        assertThat(verifier.verify(event("AES256"), "not base64url!", "collector-1").outcome())
                .isEqualTo(Verification.Outcome.BAD_SIGNATURE);
        assertThat(verifier.verify(event("AES256"), "AAAA", "collector-1").outcome())
                .isEqualTo(Verification.Outcome.BAD_SIGNATURE);
    }

    @Test
    void duringRotationBothKeysAreAcceptedEachUnderItsOwnId() {
        EventVerifier verifier = new EventVerifier(Map.of("collector-1", COLLECTOR.getPublic(),
                "collector-2", COLLECTOR_NEXT.getPublic()));
        byte[] value = event("AES256");
        String old = new EventSigner(COLLECTOR.getPrivate(), "collector-1").sign(value);
        String next = new EventSigner(COLLECTOR_NEXT.getPrivate(), "collector-2").sign(value);

        assertThat(verifier.verify(value, old, "collector-1").verified()).isTrue();
        assertThat(verifier.verify(value, next, "collector-2").verified()).isTrue();
        // the key id binds: a signature presented under the other id does not verify
        assertThat(verifier.verify(value, next, "collector-1").outcome()).isEqualTo(Verification.Outcome.BAD_SIGNATURE);

        // the old id dropped after the rotation: its events are no longer accepted
        EventVerifier after = trusting("collector-2", COLLECTOR_NEXT);
        assertThat(after.verify(value, old, "collector-1").outcome()).isEqualTo(Verification.Outcome.UNKNOWN_KEY);
        assertThat(after.verify(value, next, "collector-2").verified()).isTrue();
    }

    @Test
    void keysAndSignaturesMadeByOpenSslAreRead() throws IOException {
        // Files written by `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout`; the signature of "hello"
        // by `openssl pkeyutl -sign -rawin`, base64url.
        var privateKey = Ed25519Keys.parsePrivateKey(resource("openssl-ed25519.key.pem"), "test");
        var publicKey = Ed25519Keys.parsePublicKey(resource("openssl-ed25519.pub.pem"), "test");
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        EventVerifier verifier = new EventVerifier(Map.of("ops", publicKey));

        assertThat(verifier.verify(hello, resource("openssl-ed25519.hello.sig").trim(), "ops").verified()).isTrue();
        assertThat(verifier.verify(hello, new EventSigner(privateKey, "ops").sign(hello), "ops").verified()).isTrue();
        // Ed25519 is deterministic: the signer writes openssl's signature, byte for byte
        assertThat(new EventSigner(privateKey, "ops").sign(hello)).isEqualTo(resource("openssl-ed25519.hello.sig").trim());
        // and what this class writes reads back
        assertThat(Ed25519Keys.parsePublicKey(Ed25519Keys.pem(publicKey), "again")).isEqualTo(publicKey);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = EventSignatureTest.class.getResourceAsStream("/signing/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
