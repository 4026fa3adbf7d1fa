package dev.vigil.common.ledger;

import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Times;
import dev.vigil.common.signing.EventSigner;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed statement of every ledger chain's head at one moment: the chains of the partitions are independent, and
 * checkpoints bind them together, so dropping or rewriting the tail of one chain shows against a checkpoint.
 * Checkpoints form a hash chain of their own ({@code prevHash}), signed by the evaluator with the Ed25519 key it
 * signs its status events with ({@code vigil.events.signing.*}).
 *
 * <h2>Canonical form</h2>
 * What is hashed and signed: UTF-8 lines, each ending in {@code \n}:
 * <pre>
 * vigil-checkpoint-v1
 * seq          1, 2, 3, ...
 * createdAt    RFC 3339 UTC, six fraction digits
 * prevHash     the hash of the checkpoint before; 64 zeros for the first
 * keyId        the signing key's id; "-" when unsigned
 * then one line per chain, sorted by chain name: "&lt;chain&gt; &lt;seq&gt; &lt;hash&gt;" (the chain's last record)
 * </pre>
 * {@code hash} is its lowercase hex sha256; {@code signature} the base64url Ed25519 signature over the same bytes.
 */
public record LedgerCheckpoint(long seq, Instant createdAt, List<Head> heads, String prevHash, String keyId,
                               String hash, String signature) {
    public static final String FORM_VERSION = "vigil-checkpoint-v1";
    public static final String UNSIGNED = "-";
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    /** A chain's last record when the checkpoint was made. */
    public record Head(String chain, long seq, String hash) {
        public Head {
            LedgerChains.requireName(chain);
            if (seq < 1) {
                throw new IllegalArgumentException("head seq must be at least 1, was " + seq);
            }
            if (hash == null || !HEX_64.matcher(hash).matches()) {
                throw new IllegalArgumentException("head hash must be 64 lowercase hex digits, was '" + hash + "'");
            }
        }
    }

    public LedgerCheckpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("checkpoint seq must be at least 1, was " + seq);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        heads = heads.stream().sorted(Comparator.comparing(Head::chain)).toList();
        for (int i = 1; i < heads.size(); i++) {
            if (heads.get(i).chain().equals(heads.get(i - 1).chain())) {
                throw new IllegalArgumentException("chain " + heads.get(i).chain() + " has two heads");
            }
        }
        Objects.requireNonNull(prevHash, "prevHash");
        keyId = keyId == null || keyId.isBlank() ? UNSIGNED : keyId;
        if (keyId.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("keyId must be on one line");
        }
    }

    /**
     * The checkpoint after {@code previous} (null for the first) over {@code heads}, signed by {@code signer} (null:
     * unsigned, which no verifier accepts; only when event signing is off explicitly).
     */
    public static LedgerCheckpoint next(LedgerCheckpoint previous, List<Head> heads, Instant createdAt,
                                        EventSigner signer) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String prev = previous == null ? LedgerRecord.GENESIS_HASH : previous.hash();
        LedgerCheckpoint unsigned = new LedgerCheckpoint(seq, Times.micros(createdAt), heads, prev,
                signer == null ? UNSIGNED : signer.keyId(), null, null);
        byte[] form = unsigned.canonicalForm().getBytes(StandardCharsets.UTF_8);
        return new LedgerCheckpoint(unsigned.seq, unsigned.createdAt, unsigned.heads, prev, unsigned.keyId,
                Hashing.sha256Hex(form), signer == null ? null : signer.sign(form));
    }

    public String canonicalForm() {
        StringBuilder form = new StringBuilder(FORM_VERSION).append('\n').append(seq).append('\n')
                .append(LedgerRecord.formatTime(createdAt)).append('\n').append(prevHash).append('\n')
                .append(keyId).append('\n');
        for (Head h : heads) {
            form.append(h.chain()).append(' ').append(h.seq()).append(' ').append(h.hash()).append('\n');
        }
        return form.toString();
    }

    public String computeHash() {
        return Hashing.sha256Hex(canonicalForm().getBytes(StandardCharsets.UTF_8));
    }

    public boolean signed() {
        return !UNSIGNED.equals(keyId) && signature != null && !signature.isBlank();
    }

    /** The heads as stored: the canonical head lines. */
    public String headLines() {
        StringBuilder lines = new StringBuilder();
        heads.forEach(h -> lines.append(h.chain()).append(' ').append(h.seq()).append(' ').append(h.hash())
                .append('\n'));
        return lines.toString();
    }

    /** Reads {@link #headLines()}. */
    public static List<Head> parseHeads(String lines) {
        List<Head> heads = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a checkpoint head line (chain seq hash): '" + line + "'");
            }
            try {
                heads.add(new Head(parts[0], Long.parseLong(parts[1]), parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a checkpoint head line (chain seq hash): '" + line + "'", e);
            }
        }
        return heads;
    }
}
