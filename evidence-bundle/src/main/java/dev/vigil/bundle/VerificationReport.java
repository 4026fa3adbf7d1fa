package dev.vigil.bundle;

import dev.vigil.common.ledger.LedgerVerification;

import java.util.List;

/**
 * What {@link BundleVerifier} found. The bundle is {@link #verified()} only when the signature is valid, no file
 * has a problem and the ledger segment (if any) links.
 *
 * @param signature     the manifest signature
 * @param manifest      the manifest as read, or null when it is missing or unreadable
 * @param filesListed   files the manifest lists
 * @param filesVerified listed files present with the listed sha256 and size
 * @param problems      every file that failed, with the reason, in the order found
 * @param ledger        the ledger segment check
 * @param decisions     the risk acceptances and scoping decisions in the ledger segment, in chain order
 */
public record VerificationReport(SignatureCheck signature, Manifest manifest, int filesListed, int filesVerified,
                                 List<FileProblem> problems, LedgerCheck ledger, List<Decision> decisions) {
    public VerificationReport {
        problems = List.copyOf(problems);
        decisions = List.copyOf(decisions);
    }

    /**
     * A risk acceptance or scoping decision recorded in the ledger segment, with its document when the bundle carries
     * it ({@code decisions/<hex>.json}, whose sha256 the verifier checked against the record's evidenceId).
     *
     * @param document the document's fields (event, controlId, requestedBy, approvedBy, …), or null when the bundle
     *                 does not carry it
     */
    public record Decision(long seq, String resourceType, String resourceKey, java.time.Instant at,
                           java.util.Map<String, String> document) {
    }

    public boolean verified() {
        return signature.valid() && manifest != null && problems.isEmpty() && ledger.ok();
    }

    /** Where the public key the signature was checked with came from. */
    public enum KeySource {
        /** Given by the auditor (pinned): a valid signature proves the bundle came from that key's holder. */
        TRUSTED,
        /**
         * The key the bundle names in the auditor's pinned key set, valid at the bundle's creation time: proves
         * origin as {@link #TRUSTED} does, across key rotations.
         */
        KEY_SET,
        /** Taken from the bundle's own signing-key.jwk.json: a valid signature proves integrity, not origin. */
        EMBEDDED,
        /** No usable key. */
        NONE
    }

    /**
     * @param valid     the JWS verifies over manifest.json with the key
     * @param algorithm the JWS {@code alg}, or null if unreadable
     * @param keyId     the JWS {@code kid}, or null if unreadable
     * @param keySource where the verifying key came from
     * @param detail    why it is invalid, or null
     * @param key       the pinned key the signature was checked with, with its validity; null with the embedded key
     */
    public record SignatureCheck(boolean valid, String algorithm, String keyId, KeySource keySource, String detail,
                                 BundleKey key) {
        public SignatureCheck(boolean valid, String algorithm, String keyId, KeySource keySource, String detail) {
            this(valid, algorithm, keyId, keySource, detail, null);
        }
    }

    /** A file that failed: {@code path} is a path inside the bundle (or the bundle itself when it is no ZIP). */
    public record FileProblem(String path, String reason) {
    }

    /**
     * @param present whether the bundle has a ledger segment or anchor
     * @param anchor  the anchor as read, or null
     * @param result  the chain check, or null when not run
     * @param problem why the segment could not be checked (a file missing or unreadable), or null
     */
    public record LedgerCheck(boolean present, LedgerAnchor anchor, LedgerVerification result, String problem,
                              List<ChainCheck> chains, long checkpoints, List<String> problems) {
        static final LedgerCheck ABSENT = new LedgerCheck(false, null, null, null);

        /** A bundle of one chain (before the ledger had one per partition). */
        public LedgerCheck(boolean present, LedgerAnchor anchor, LedgerVerification result, String problem) {
            this(present, anchor, result, problem, List.of(), 0, List.of());
        }

        /** A bundle of several chains with checkpoints: {@code problems} name the chain and seq of each. */
        static LedgerCheck ofChains(List<ChainCheck> chains, long checkpoints, List<String> problems) {
            return new LedgerCheck(true, null, null, null, List.copyOf(chains), checkpoints, List.copyOf(problems));
        }

        /** Whether the bundle carries one chain per partition and checkpoints. */
        public boolean chained() {
            return !chains.isEmpty() || checkpoints > 0 || !problems.isEmpty();
        }

        public boolean ok() {
            if (chained()) {
                return problems.isEmpty();
            }
            return !present || (problem == null && result != null && result.valid());
        }
    }

    /** One chain of a bundle's ledger: its anchor as read and how its segment checked. */
    public record ChainCheck(String chain, LedgerAnchor anchor, LedgerVerification result) {
    }
}
