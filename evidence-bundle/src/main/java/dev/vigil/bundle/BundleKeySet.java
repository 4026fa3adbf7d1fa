package dev.vigil.bundle;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle signing keys a service has used and uses, each with its validity: what {@code GET
 * /api/bundles/signing-keys} publishes as a JWK Set (RFC 7517) and what an auditor pins to verify bundles signed
 * before and after a key rotation ({@code vigil-verify --key-set}). Public keys only.
 */
public final class BundleKeySet {
    /** The media type of a JWK Set. */
    public static final String MEDIA_TYPE = "application/jwk-set+json";

    private final Map<String, BundleKey> byKid;

    private BundleKeySet(List<BundleKey> keys) {
        Map<String, BundleKey> map = new LinkedHashMap<>();
        for (BundleKey key : keys) {
            if (map.putIfAbsent(key.kid(), key) != null) {
                throw new IllegalArgumentException("key " + key.kid() + " appears twice in the key set");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("the key set holds no key");
        }
        this.byKid = map;
    }

    public static BundleKeySet of(List<BundleKey> keys) {
        return new BundleKeySet(List.copyOf(keys));
    }

    /**
     * Reads a JWK Set ({@code {"keys":[…]}}): every key an EC P-256 key whose {@code kid} is its RFC 7638
     * thumbprint, with optional {@code nbf} and {@code exp}. Private members, if any, are dropped.
     */
    public static BundleKeySet parse(String json) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK Set ({\"keys\":[…]}): " + e.getMessage(), e);
        }
        List<BundleKey> keys = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            if (!(jwk instanceof ECKey ec)) {
                throw new IllegalArgumentException("key '" + jwk.getKeyID() + "' is " + jwk.getKeyType()
                        + ", bundle signing keys are EC P-256");
            }
            keys.add(BundleKey.fromJwk(ec, true));
        }
        return new BundleKeySet(keys);
    }

    /** {@link #parse} of a file. */
    public static BundleKeySet read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every key, in the order given (oldest first as the service publishes them). */
    public List<BundleKey> keys() {
        return List.copyOf(byKid.values());
    }

    /** The key with this id, or null. */
    public BundleKey find(String kid) {
        return kid == null ? null : byKid.get(kid);
    }

    /** The ids, for messages. */
    public List<String> kids() {
        return List.copyOf(byKid.keySet());
    }

    /** The JWK Set as published: public keys with {@code kid}, {@code use}, {@code alg}, {@code nbf}, {@code exp}. */
    public String toJson() {
        List<JWK> jwks = new ArrayList<>();
        for (BundleKey key : byKid.values()) {
            jwks.add(key.toJwk());
        }
        return new JWKSet(jwks).toString(true);
    }
}
