package dev.vigil.bundle;

import java.util.Locale;
import java.util.Set;

/**
 * The fixed names inside a bundle, and the rule every other path follows. See docs/bundles.md.
 */
public final class BundleLayout {
    /** Every file of the bundle (but itself and its signature) with sha256, size and media type. */
    public static final String MANIFEST = "manifest.json";
    /** A detached compact JWS (ES256) over the exact bytes of {@link #MANIFEST}. */
    public static final String SIGNATURE = "manifest.jws";
    /** The public half of the signing key, as a JWK; listed in the manifest. */
    public static final String PUBLIC_KEY = "signing-key.jwk.json";
    /** The ledger records of the period, one JSON object per line. */
    public static final String LEDGER_SEGMENT = "ledger/segment.jsonl";
    /** Where the segment attaches to the whole ledger: the hash before its first record, and its extent. */
    public static final String LEDGER_ANCHOR = "ledger/anchor.json";

    /** Folder of the ledger's chains (one per evidence partition): {@code ledger/chains/<chain>/segment.jsonl}. */
    public static final String LEDGER_CHAINS = "ledger/chains/";
    /** The signed checkpoints binding the chains, one JSON object per line, in order. */
    public static final String LEDGER_CHECKPOINTS = "ledger/checkpoints.jsonl";
    /** The evaluator's public keys the checkpoints are signed with: {@code {"<key id>": "<PEM>"}}. */
    public static final String LEDGER_CHECKPOINT_KEYS = "ledger/checkpoint-keys.json";

    /** A chain's records of the period. */
    public static String chainSegment(String chain) {
        return LEDGER_CHAINS + chain + "/segment.jsonl";
    }

    /** Where a chain's records of the period attach to the chain. */
    public static String chainAnchor(String chain) {
        return LEDGER_CHAINS + chain + "/anchor.json";
    }

    /** Version of this layout and of the manifest schema, written as {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;
    /** Folder of the documents of the risk acceptances and scoping decisions in the ledger segment. */
    public static final String DECISIONS = "decisions/";

    static final Set<String> WRITTEN_BY_FINISH = Set.of(MANIFEST, SIGNATURE, PUBLIC_KEY);

    private BundleLayout() {
    }

    /**
     * Why {@code path} may not name a file in a bundle, or null if it may: a relative path of non-empty
     * {@code /}-separated segments, none {@code .} or {@code ..}, without backslash, colon or control characters,
     * at most 400 characters. The same rule guards the writer and, in the verifier, an extraction by the auditor.
     */
    /**
     * {@code decisions/<hex>.json}: where a bundle keeps the document of the decision whose ledger record has the
     * evidenceId {@code sha256:<hex>} (so the file's own sha256 is that hex).
     */
    public static String decisionPath(String evidenceId) {
        return DECISIONS + evidenceId.substring(evidenceId.indexOf(':') + 1) + ".json";
    }

    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.length() > 400) {
            return "path longer than 400 characters";
        }
        if (path.startsWith("/")) {
            return "absolute path";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return "path contains a control character, backslash or colon";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "path has an empty, '.' or '..' segment";
            }
        }
        return null;
    }

    /** Paths that would land on the same file on a case-insensitive file system compare equal by this key. */
    static String collisionKey(String path) {
        return path.toLowerCase(Locale.ROOT);
    }
}
