package dev.vigil.bundle;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * One public bundle signing key and when it may sign: from {@code notBefore} (inclusive; null: from the start) until
 * {@code notAfter} (exclusive; null: open-ended, the current key). A bundle signed with it is accepted only when its
 * signed {@code createdAt} lies in that interval. Its key id is always the RFC 7638 thumbprint of the public key.
 *
 * <p>As a JWK ({@link #toJwk()}) the interval is the members {@code nbf} and {@code exp}, seconds since the epoch as
 * in a JWT, so the times are whole seconds.
 */
public record BundleKey(ECKey publicKey, Instant notBefore, Instant notAfter) {
    public BundleKey {
        Objects.requireNonNull(publicKey, "publicKey");
        if (!Curve.P_256.equals(publicKey.getCurve())) {
            throw new IllegalArgumentException("a bundle signing key must be an EC P-256 key (ES256), not "
                    + publicKey.getCurve());
        }
        requireWholeSeconds("notBefore", notBefore);
        requireWholeSeconds("notAfter", notAfter);
        if (notBefore != null && notAfter != null && !notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("key " + BundleSigner.thumbprint(publicKey) + ": notAfter " + notAfter
                    + " must come after notBefore " + notBefore);
        }
        String kid = BundleSigner.thumbprint(publicKey);
        publicKey = new ECKey.Builder(publicKey.toPublicJWK()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(BundleSigner.ALGORITHM).notBeforeTime(null).expirationTime(null).issueTime(null).build();
    }

    /** The key of {@code signer} with the given validity. */
    public static BundleKey of(BundleSigner signer, Instant notBefore, Instant notAfter) {
        return new BundleKey(signer.publicJwk(), notBefore, notAfter);
    }

    /**
     * A public JWK as published: its {@code nbf} and {@code exp} (if any) are the validity. When {@code requireKid}
     * the JWK must name its key id, and that id must be its thumbprint (a key set whose ids are not the keys' own
     * would let one key pass for another).
     */
    static BundleKey fromJwk(ECKey jwk, boolean requireKid) {
        String thumbprint = BundleSigner.thumbprint(jwk);
        if (requireKid && jwk.getKeyID() == null) {
            throw new IllegalArgumentException("key " + thumbprint + " has no 'kid'");
        }
        if (requireKid && !thumbprint.equals(jwk.getKeyID())) {
            throw new IllegalArgumentException("key '" + jwk.getKeyID() + "' is named by another id than its RFC 7638"
                    + " thumbprint " + thumbprint);
        }
        return new BundleKey(jwk, instant(jwk.getNotBeforeTime()), instant(jwk.getExpirationTime()));
    }

    /** The key id: the RFC 7638 thumbprint (SHA-256, base64url) of the public key. */
    public String kid() {
        return publicKey.getKeyID();
    }

    /** True if a bundle created at {@code createdAt} may be signed with this key. */
    public boolean validAt(Instant createdAt) {
        return (notBefore == null || !createdAt.isBefore(notBefore)) && (notAfter == null || createdAt.isBefore(notAfter));
    }

    /** The same key with another validity. */
    public BundleKey withValidity(Instant from, Instant until) {
        return new BundleKey(publicKey, from, until);
    }

    /** The public JWK as published in a key set: {@code kid}, {@code use}, {@code alg}, and {@code nbf}/{@code exp}. */
    public ECKey toJwk() {
        return new ECKey.Builder(publicKey).notBeforeTime(date(notBefore)).expirationTime(date(notAfter)).build();
    }

    /** "from 2026-01-01T00:00:00Z until 2026-04-01T00:00:00Z", for messages. */
    public String describeValidity() {
        return "from " + (notBefore == null ? "the start" : notBefore.toString()) + " until "
                + (notAfter == null ? "further notice (current key)" : notAfter.toString());
    }

    private static void requireWholeSeconds(String name, Instant time) {
        if (time != null && time.getNano() != 0) {
            throw new IllegalArgumentException(name + " " + time + " must be a whole second (JWK nbf and exp are"
                    + " seconds)");
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
