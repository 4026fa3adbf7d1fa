package dev.vigil.common.signing;

/**
 * How a Vigil event carries its signature on Kafka (docs/evidence.md, "Event signatures"): two record headers beside
 * the CloudEvents {@code content-type}. The signature is Ed25519 over the record value's exact bytes.
 */
public final class EventSignatures {
    /** The Ed25519 signature of the record value, base64url without padding. */
    public static final String SIGNATURE_HEADER = "vigil-signature";
    /** The id of the key that signed, which the consumer looks up among its trusted keys. */
    public static final String KEY_ID_HEADER = "vigil-key-id";
    public static final String ALGORITHM = "Ed25519";

    private EventSignatures() {
    }
}
