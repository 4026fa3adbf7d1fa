package dev.vigil.collector.http;

import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.keys.PemKeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON Web Token signed with RS256, as providers ask for in exchange for an access token (a Google service
 * account's assertion, a GitHub App's JWT). The JDK's own {@link Signature} does it; no JWT library needed.
 */
public final class Rs256Jwt {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Rs256Jwt() {
    }

    /** header.claims.signature, with {@code kid} in the header when given. */
    public static String sign(Map<String, Object> claims, String keyId, PrivateKey key) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = part(header) + "." + part(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT: " + e.getMessage(), e);
        }
    }

    /** Reads an RSA private key in PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public static PrivateKey parsePrivateKey(String pem, String whose) {
        if (!pem.contains("-----BEGIN ")) {
            throw new IllegalArgumentException(whose + " is not a PEM RSA private key");
        }
        PrivateKey key = PemKeys.privateKey(pem, whose);
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(whose + " is not an RSA private key (it is " + key.getAlgorithm() + ")");
        }
        return key;
    }

    private static String part(Map<String, Object> json) {
        try {
            return B64URL.encodeToString(EventCodec.mapper().writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("JWT part is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
