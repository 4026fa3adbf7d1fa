package dev.vigil.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a record's signature against a set of trusted public keys, each under its key id. Several keys at once is
 * how keys rotate: trust the new key id beside the old, move the publisher to the new key, then drop the old id.
 */
public final class EventVerifier {
    private final Map<String, PublicKey> trusted;

    public EventVerifier(Map<String, PublicKey> trusted) {
        Objects.requireNonNull(trusted, "trusted");
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one trusted key");
        }
        this.trusted = Map.copyOf(trusted);
    }

    public Set<String> keyIds() {
        return new TreeSet<>(trusted.keySet());
    }

    /** @param signature the {@code vigil-signature} header's value, or null; @param keyId {@code vigil-key-id}'s */
    public Verification verify(byte[] value, String signature, String keyId) {
        if (signature == null || signature.isBlank()) {
            return new Verification(Verification.Outcome.UNSIGNED, keyId);
        }
        if (keyId == null || keyId.isBlank()) {
            return new Verification(Verification.Outcome.UNKNOWN_KEY, null);
        }
        PublicKey key = trusted.get(keyId);
        if (key == null) {
            return new Verification(Verification.Outcome.UNKNOWN_KEY, keyId);
        }
        try {
            byte[] sig = Base64.getUrlDecoder().decode(signature.trim());
            Signature s = Signature.getInstance(EventSignatures.ALGORITHM);
            s.initVerify(key);
            s.update(value == null ? new byte[0] : value);
            return s.verify(sig) ? Verification.verified(keyId)
                    : new Verification(Verification.Outcome.BAD_SIGNATURE, keyId);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // not base64url, or not an Ed25519 signature's length: no better than a wrong one
            return new Verification(Verification.Outcome.BAD_SIGNATURE, keyId);
        }
    }

    /** The same, with the headers as Kafka gives them (raw bytes, UTF-8), or null when absent. */
    public Verification verify(byte[] value, byte[] signatureHeader, byte[] keyIdHeader) {
        return verify(value, utf8(signatureHeader), utf8(keyIdHeader));
    }

    private static String utf8(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
