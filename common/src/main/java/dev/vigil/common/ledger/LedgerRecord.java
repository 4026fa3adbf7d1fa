package dev.vigil.common.ledger;

import dev.vigil.common.evidence.Hashing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One link of the evidence ledger: an evidence item with its place in the chain and the hash of the record
 * before it.
 *
 * <h2>Canonical form</h2>
 * {@code hash} is the lowercase hex sha256 of the UTF-8 bytes of {@link #canonicalForm()}: the line
 * {@code vigil-ledger-v1} followed by the fields below, each on its own line, each line ending with {@code \n}
 * (also the last one):
 * <pre>
 * vigil-ledger-v1
 * seq            decimal, no sign, no leading zeros
 * evidenceId
 * source
 * resourceType
 * resourceKey
 * observedAt     RFC 3339 UTC with exactly six fraction digits: 2026-11-23T10:15:30.000000Z
 * recordedAt     the same format
 * prevHash       64 lowercase hex digits; 64 zeros for the first record of the chain
 * </pre>
 * Text fields may not contain a line break, so the form is unambiguous; an auditor can recompute it with
 * {@code printf} and {@code sha256sum}.
 */
public record LedgerRecord(long seq, String evidenceId, String source, String resourceType, String resourceKey,
                           Instant observedAt, Instant recordedAt, String prevHash, String hash) {

    /** First line of the canonical form; changes only if the form changes. */
    public static final String FORM_VERSION = "vigil-ledger-v1";
    /** The prevHash of the first record of a chain. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public LedgerRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        requireLine("evidenceId", evidenceId);
        requireLine("source", source);
        requireLine("resourceType", resourceType);
        requireLine("resourceKey", resourceKey);
        requireMicros("observedAt", observedAt);
        requireMicros("recordedAt", recordedAt);
        requireHex("prevHash", prevHash);
        requireHex("hash", hash);
    }

    /** The record for {@code entry} at {@code seq}, after the record whose hash is {@code prevHash}. */
    static LedgerRecord link(long seq, LedgerEntry entry, Instant recordedAt, String prevHash) {
        LedgerRecord unhashed = new LedgerRecord(seq, entry.evidenceId(), entry.source(), entry.resourceType(),
                entry.resourceKey(), entry.observedAt(), recordedAt, prevHash, GENESIS_HASH);
        return unhashed.withHash(unhashed.computeHash());
    }

    /** The text whose sha256 is {@link #hash()}: see the class documentation. */
    public String canonicalForm() {
        return FORM_VERSION + '\n' + seq + '\n' + evidenceId + '\n' + source + '\n' + resourceType + '\n'
                + resourceKey + '\n' + formatTime(observedAt) + '\n' + formatTime(recordedAt) + '\n'
                + prevHash + '\n';
    }

    /** The hash this record should carry, recomputed from its fields. */
    public String computeHash() {
        return Hashing.sha256Hex(canonicalForm().getBytes(StandardCharsets.UTF_8));
    }

    public LedgerRecord withHash(String newHash) {
        return new LedgerRecord(seq, evidenceId, source, resourceType, resourceKey, observedAt, recordedAt,
                prevHash, newHash);
    }

    /** {@code 2026-11-23T10:15:30.000000Z}: the time format of the canonical form and of ledger files. */
    public static String formatTime(Instant t) {
        return TIME.format(t);
    }

    /** Parses exactly the {@link #formatTime} format, so a re-formatted time hashes as it was signed. */
    public static Instant parseTime(String text) {
        try {
            return Instant.from(TIME.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a ledger time (uuuu-MM-ddTHH:mm:ss.SSSSSSZ): '" + text + "'", e);
        }
    }

    private static void requireLine(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(name + " must be non-empty and on one line");
        }
    }

    private static void requireMicros(String name, Instant value) {
        Objects.requireNonNull(value, name);
        if (value.getNano() % 1000 != 0) {
            throw new IllegalArgumentException(name + " must have microsecond precision, was " + value);
        }
    }

    private static void requireHex(String name, String value) {
        if (value == null || !HEX_64.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 64 lowercase hex digits, was '" + value + "'");
        }
    }
}
