package dev.vigil.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.ledger.CheckpointedLedger;
import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.ledger.LedgerVerification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static dev.vigil.bundle.JsonFields.MAPPER;
import static dev.vigil.bundle.JsonFields.integer;
import static dev.vigil.bundle.JsonFields.readObject;
import static dev.vigil.bundle.JsonFields.text;

/**
 * The ledger segment a bundle carries: {@code ledger/segment.jsonl}, one {@link LedgerRecord} per line as a JSON
 * object ({@code seq, evidenceId, source, resourceType, resourceKey, observedAt, recordedAt, prevHash, hash}, times
 * in the ledger's six-fraction-digit form), and {@code ledger/anchor.json} ({@link LedgerAnchor}).
 */
public final class LedgerSegment {
    public static final String MEDIA_TYPE = "application/x-ndjson";

    private LedgerSegment() {
    }

    /**
     * Streams {@code records} into the bundle and writes the anchor. The records must link to
     * {@code anchorPrevHash} and to each other, starting at {@code firstSeq}; a bundle is never written with a
     * broken segment ({@link IllegalArgumentException}, leaving the bundle unfinished).
     */
    public static LedgerAnchor write(BundleWriter bundle, String anchorPrevHash, long firstSeq,
                                     Iterator<LedgerRecord> records) throws IOException {
        return write(bundle, BundleLayout.LEDGER_SEGMENT, BundleLayout.LEDGER_ANCHOR,
                LedgerChain.verifier(anchorPrevHash, firstSeq), anchorPrevHash, firstSeq, records);
    }

    /**
     * One chain of a ledger of several ({@link dev.vigil.common.ledger.LedgerChains}): its records of the period
     * under {@code ledger/chains/<chain>/}, linking from {@code anchorPrevHash} (the record before the period, or the
     * chain's genesis); written even when the period added none, so every chain a checkpoint names is there.
     */
    public static LedgerAnchor writeChain(BundleWriter bundle, String chain, String anchorPrevHash, long firstSeq,
                                          Iterator<LedgerRecord> records) throws IOException {
        return write(bundle, BundleLayout.chainSegment(LedgerChains.requireName(chain)),
                BundleLayout.chainAnchor(chain), LedgerChains.verifier(chain, anchorPrevHash, firstSeq),
                anchorPrevHash, firstSeq, records);
    }

    private static LedgerAnchor write(BundleWriter bundle, String segmentPath, String anchorPath,
                                      LedgerChain.Verifier chain, String anchorPrevHash, long firstSeq,
                                      Iterator<LedgerRecord> records) throws IOException {
        bundle.addFile(segmentPath, MEDIA_TYPE, out -> {
            while (records.hasNext()) {
                LedgerRecord record = records.next();
                if (!chain.accept(record)) {
                    throw new IllegalArgumentException("ledger segment does not link: " + chain.result().describe());
                }
                out.write(toJsonLine(record).getBytes(StandardCharsets.UTF_8));
            }
        });
        LedgerVerification result = chain.result();
        LedgerAnchor anchor = new LedgerAnchor(anchorPrevHash, firstSeq, result.recordsChecked(), result.lastHash());
        bundle.addFile(anchorPath, "application/json", out -> writeAnchor(anchor, out));
        return anchor;
    }

    /** One line of segment.jsonl, newline included. */
    public static String toJsonLine(LedgerRecord r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", r.seq());
        node.put("evidenceId", r.evidenceId());
        node.put("source", r.source());
        node.put("resourceType", r.resourceType());
        node.put("resourceKey", r.resourceKey());
        node.put("observedAt", LedgerRecord.formatTime(r.observedAt()));
        node.put("recordedAt", LedgerRecord.formatTime(r.recordedAt()));
        node.put("prevHash", r.prevHash());
        node.put("hash", r.hash());
        return node + "\n";
    }

    /** Reads one line of segment.jsonl; {@link IllegalArgumentException} says what is wrong with it. */
    public static LedgerRecord fromJsonLine(String line) {
        JsonNode node = readObject(line.getBytes(StandardCharsets.UTF_8));
        return new LedgerRecord(integer(node, "seq"), text(node, "evidenceId"), text(node, "source"),
                text(node, "resourceType"), text(node, "resourceKey"),
                LedgerRecord.parseTime(text(node, "observedAt")), LedgerRecord.parseTime(text(node, "recordedAt")),
                text(node, "prevHash"), text(node, "hash"));
    }

    public static LedgerAnchor parseAnchor(byte[] json) {
        JsonNode node = readObject(json);
        return new LedgerAnchor(text(node, "prevHash"), integer(node, "firstSeq"), integer(node, "recordCount"),
                text(node, "lastHash"));
    }

    /**
     * Checks a segment, read line by line, against its anchor: it links from {@code prevHash} starting at
     * {@code firstSeq}, holds {@code recordCount} records and ends at {@code lastHash}.
     */
    public static LedgerVerification verify(InputStream segment, LedgerAnchor anchor) throws IOException {
        LedgerChain.Verifier verifier = LedgerChain.verifier(anchor.prevHash(), anchor.firstSeq());
        return verify(segment, anchor, verifier::accept, verifier::result);
    }

    /**
     * The same for one chain of several, checked against the checkpoints too ({@link CheckpointedLedger}); the
     * caller ends the chain ({@link CheckpointedLedger.Chain#end()}) to check the heads beyond its last record.
     */
    public static LedgerVerification verify(InputStream segment, LedgerAnchor anchor, CheckpointedLedger.Chain chain)
            throws IOException {
        return verify(segment, anchor, chain::accept, chain::result);
    }

    private static LedgerVerification verify(InputStream segment, LedgerAnchor anchor, Predicate<LedgerRecord> accept,
                                             Supplier<LedgerVerification> resultSoFar) throws IOException {
        record Chain(Predicate<LedgerRecord> acceptor, Supplier<LedgerVerification> results) {
            boolean accept(LedgerRecord r) {
                return acceptor.test(r);
            }

            LedgerVerification result() {
                return results.get();
            }
        }
        Chain chain = new Chain(accept, resultSoFar);
        BufferedReader lines = new BufferedReader(new InputStreamReader(segment, StandardCharsets.UTF_8));
        long lineNo = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            LedgerRecord record;
            try {
                record = fromJsonLine(line);
            } catch (IllegalArgumentException e) {
                LedgerVerification sofar = chain.result();
                long seq = sofar.valid() ? anchor.firstSeq() + sofar.recordsChecked() : sofar.brokenSeq();
                return new LedgerVerification(false, lineNo, seq, LedgerVerification.Breakage.MALFORMED,
                        "line " + lineNo + " is not a ledger record: " + e.getMessage(), sofar.lastHash());
            }
            if (!chain.accept(record)) {
                return chain.result();
            }
        }
        LedgerVerification result = chain.result();
        if (result.recordsChecked() != anchor.recordCount() || !result.lastHash().equals(anchor.lastHash())) {
            return new LedgerVerification(false, result.recordsChecked(), anchor.firstSeq() + result.recordsChecked(),
                    LedgerVerification.Breakage.ANCHOR_MISMATCH, "the segment holds " + result.recordsChecked()
                    + " records ending at " + result.lastHash() + ", the anchor says " + anchor.recordCount()
                    + " ending at " + anchor.lastHash(), result.lastHash());
        }
        return result;
    }

    private static void writeAnchor(LedgerAnchor anchor, OutputStream out) throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("prevHash", anchor.prevHash());
        node.put("firstSeq", anchor.firstSeq());
        node.put("recordCount", anchor.recordCount());
        node.put("lastHash", anchor.lastHash());
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, node);
        out.write('\n');
    }
}
