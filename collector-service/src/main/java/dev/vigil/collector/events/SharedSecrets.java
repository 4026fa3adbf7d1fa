package dev.vigil.collector.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A secret the provider sends back as it is, unsigned: Okta's event hook authentication header, the
 * {@code clientState} of a Microsoft Graph subscription, the token of a Google notification channel. The value is
 * compared, before anything is done with the delivery, with each configured secret (two during a rotation). Both
 * sides are hashed with SHA-256 first and the digests compared with {@link MessageDigest#isEqual}, so the time taken
 * says neither how much of a guess was right nor how long a secret is; every secret is tried, so it does not say
 * which one matched either.
 */
public final class SharedSecrets {
    private final List<byte[]> secrets;

    public SharedSecrets(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> !s.isBlank()).map(SharedSecrets::digest).toList();
    }

    /** False when no secret is configured: then nothing is ever authorised. */
    public boolean configured() {
        return !secrets.isEmpty();
    }

    /** Whether the value is one of the secrets; a missing one never is. */
    public boolean matches(String headerValue) {
        if (headerValue == null || secrets.isEmpty()) {
            return false;
        }
        byte[] given = digest(headerValue);
        boolean matched = false;
        for (byte[] secret : secrets) {
            matched |= MessageDigest.isEqual(given, secret);
        }
        return matched;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
