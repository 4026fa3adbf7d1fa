package dev.vigil.collector.github;

import dev.vigil.collector.http.Rs256Jwt;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Web Token a GitHub App signs (RS256) to ask for an installation token: issued a minute in the past
 * (clock drift), valid nine minutes (GitHub accepts at most ten), issuer the app's id.
 */
final class GitHubAppJwt {
    private GitHubAppJwt() {
    }

    static String create(String appId, PrivateKey key, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", now.getEpochSecond() - 60);
        claims.put("exp", now.getEpochSecond() + 540);
        claims.put("iss", appId);
        return Rs256Jwt.sign(claims, null, key);
    }

    /** Reads an RSA private key in PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as GitHub issues it) or PKCS#8. */
    static PrivateKey parsePrivateKey(String pem) {
        return Rs256Jwt.parsePrivateKey(pem, "the GitHub App private key");
    }
}
