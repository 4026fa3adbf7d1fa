package dev.vigil.common.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs the value of a Kafka record with one Ed25519 private key, named by its key id.
 *
 * <p>What is signed is the record value's exact bytes (UTF-8 of the CloudEvents JSON), not a canonical form of the
 * parsed envelope: the consumer then verifies precisely the bytes it goes on to decode, so no difference between two
 * JSON parsers (duplicate keys, number precision, escapes) can separate what was verified from what is believed.
 * Nothing in Vigil re-serialises a record on its way (the connectors pass text through, a dead letter keeps its value
 * for replay), and a publisher in any language can sign without implementing a canonicalisation. The price: a relay
 * that re-formats the JSON breaks the signature, which is what it should do to something it altered.
 * <p>
 * A collector signs every evidence event it publishes, so this is on the collection's hot path: with the JDK's
 * Ed25519 (about 1.2 ms a signature on these machines) signing took 45 % of collector-service's CPU while it collected
 * 50,000 resources (docs/benchmarks.md, "Whole pipeline under load"). Bouncy Castle's, with the key decoded once,
 * is the one {@link EventVerifier} uses; Ed25519 signatures are deterministic (RFC 8032), so the bytes are the same.
 * Thread-safe: an {@link Ed25519Signer} is made per call (it holds the message), the key is shared.
 */
public final class EventSigner {
    private final Ed25519PrivateKeyParameters key;
    private final String keyId;

    public EventSigner(PrivateKey key, String keyId) {
        Objects.requireNonNull(key, "key");
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("an event signing key needs a key id");
        }
        this.keyId = keyId;
        this.key = ed25519(key, keyId); // an unusable key fails now, at start, not at the first event
    }

    private static Ed25519PrivateKeyParameters ed25519(PrivateKey key, String keyId) {
        try {
            if (PrivateKeyFactory.createKey(key.getEncoded()) instanceof Ed25519PrivateKeyParameters ed) {
                return ed;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot sign with event key '" + keyId + "': " + e.getMessage(), e);
        }
        throw new IllegalStateException("cannot sign with event key '" + keyId + "': it is " + key.getAlgorithm()
                + ", not " + EventSignatures.ALGORITHM);
    }

    /** The private key in an owner-only PEM (PKCS#8) file, read through {@code KeyFiles.readOwnerOnly}. */
    public static EventSigner fromPemFile(Path privateKeyFile, String keyId) {
        return new EventSigner(Ed25519Keys.readPrivateKey(privateKeyFile), keyId);
    }

    /** The public half, derived from the private key: for the signer to check its own signatures. */
    public PublicKey publicKey() {
        try {
            byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.generatePublicKey()).getEncoded();
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key of event key '" + keyId + "'", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The signature header's value: base64url (no padding) of the Ed25519 signature over {@code value}. */
    public String sign(byte[] value) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(value, 0, value.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.generateSignature());
    }

    /**
     * The record headers that carry the signature of {@code value}, the exact record value sent: header name to its
     * UTF-8 bytes, in the order every publisher adds them ({@link EventSignatures}).
     */
    public Map<String, byte[]> headers(String value) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(EventSignatures.SIGNATURE_HEADER, sign(value.getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        headers.put(EventSignatures.KEY_ID_HEADER, keyId.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Override
    public String toString() {
        return "EventSigner[" + keyId + "]"; // never the key
    }
}
