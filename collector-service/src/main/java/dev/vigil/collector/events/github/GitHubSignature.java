package dev.vigil.collector.events.github;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the raw body keyed
 * with the webhook's secret. Checked on the bytes as received, before any JSON is read, with a constant-time
 * comparison; several secrets are accepted at once so a secret can be rotated without refusing deliveries.
 */
public final class GitHubSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private GitHubSignature() {
    }

    /** Whether {@code header} is the signature of {@code body} under one of {@code secrets}. */
    public static boolean matches(byte[] body, String header, List<String> secrets) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matched = false;
        for (String secret : secrets) {
            // every secret is tried, so the time taken does not say which one matched
            matched |= MessageDigest.isEqual(hmac(secret, body), given);
        }
        return matched;
    }

    /** The header GitHub sends for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
