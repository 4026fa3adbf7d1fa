package dev.vigil.common.signing;

/**
 * What {@link EventVerifier} concluded about one record. {@link #reason()} is the text a dead letter carries in its
 * {@code dead-letter-reason} header; it starts with the outcome (and key id) so operators can filter on it.
 */
public record Verification(Outcome outcome, String keyId) {
    public enum Outcome {
        /** Signed by a trusted key, and the signature matches the value. */
        VERIFIED,
        /** No signature header. */
        UNSIGNED,
        /** Signed, but with a key id this service does not trust (or none). */
        UNKNOWN_KEY,
        /** The key id is trusted, but the signature does not match: forged, altered, or not a signature at all. */
        BAD_SIGNATURE
    }

    public static Verification verified(String keyId) {
        return new Verification(Outcome.VERIFIED, keyId);
    }

    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }

    public String reason() {
        return switch (outcome) {
            case VERIFIED -> "VERIFIED(" + keyId + ")";
            case UNSIGNED -> "UNSIGNED: the record has no " + EventSignatures.SIGNATURE_HEADER
                    + " header; only events signed by a trusted key are accepted";
            case UNKNOWN_KEY -> keyId == null
                    ? "UNKNOWN_KEY(): the record is signed but has no " + EventSignatures.KEY_ID_HEADER + " header"
                    : "UNKNOWN_KEY(" + keyId + "): signed with key id '" + keyId
                    + "', which is not among this service's trusted keys";
            case BAD_SIGNATURE -> "BAD_SIGNATURE(" + keyId + "): the signature does not match the record under key '"
                    + keyId + "' (forged or altered)";
        };
    }
}
