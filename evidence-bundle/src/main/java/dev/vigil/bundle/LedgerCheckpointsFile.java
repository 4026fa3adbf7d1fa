package dev.vigil.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.vigil.bundle.JsonFields.MAPPER;
import static dev.vigil.bundle.JsonFields.integer;
import static dev.vigil.bundle.JsonFields.readObject;
import static dev.vigil.bundle.JsonFields.text;

/**
 * A bundle's ledger checkpoints ({@code ledger/checkpoints.jsonl}, one {@link LedgerCheckpoint} per line: the last
 * one before the period and every one made during it) and the evaluator's public keys that signed them
 * ({@code ledger/checkpoint-keys.json}: key id to Ed25519 public key PEM, the format of the event keys). The keys are
 * listed in the manifest, so the bundle's signer vouches for them.
 */
public final class LedgerCheckpointsFile {
    private LedgerCheckpointsFile() {
    }

    public static void write(BundleWriter bundle, List<LedgerCheckpoint> checkpoints, Map<String, PublicKey> keys)
            throws IOException {
        bundle.addFile(BundleLayout.LEDGER_CHECKPOINTS, LedgerSegment.MEDIA_TYPE, out -> {
            for (LedgerCheckpoint c : checkpoints) {
                out.write(toJsonLine(c).getBytes(StandardCharsets.UTF_8));
            }
        });
        ObjectNode pems = MAPPER.createObjectNode();
        new TreeMap<>(keys).forEach((id, key) -> pems.put(id, Ed25519Keys.pem(key)));
        bundle.addFile(BundleLayout.LEDGER_CHECKPOINT_KEYS, "application/json",
                out -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, pems));
    }

    public static String toJsonLine(LedgerCheckpoint c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", c.seq());
        node.put("createdAt", LedgerRecord.formatTime(c.createdAt()));
        ArrayNode heads = node.putArray("heads");
        c.heads().forEach(h -> heads.addObject().put("chain", h.chain()).put("seq", h.seq()).put("hash", h.hash()));
        node.put("prevHash", c.prevHash());
        node.put("keyId", c.keyId());
        node.put("hash", c.hash());
        if (c.signature() != null) {
            node.put("signature", c.signature());
        }
        return node + "\n";
    }

    /** Reads one line; {@link IllegalArgumentException} says what is wrong with it. */
    public static LedgerCheckpoint fromJsonLine(String line) {
        JsonNode node = readObject(line.getBytes(StandardCharsets.UTF_8));
        List<LedgerCheckpoint.Head> heads = new ArrayList<>();
        JsonNode array = node.path("heads");
        if (!array.isArray()) {
            throw new IllegalArgumentException("missing array 'heads'");
        }
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode h = it.next();
            heads.add(new LedgerCheckpoint.Head(text(h, "chain"), integer(h, "seq"), text(h, "hash")));
        }
        JsonNode signature = node.get("signature");
        return new LedgerCheckpoint(integer(node, "seq"), LedgerRecord.parseTime(text(node, "createdAt")), heads,
                text(node, "prevHash"), text(node, "keyId"), text(node, "hash"),
                signature != null && signature.isTextual() ? signature.asText() : null);
    }

    /** The keys of {@code ledger/checkpoint-keys.json}. */
    public static EventVerifier readKeys(byte[] json) {
        JsonNode node = readObject(json);
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> keys.put(e.getKey(), Ed25519Keys.parsePublicKey(e.getValue().asText(),
                BundleLayout.LEDGER_CHECKPOINT_KEYS + " key " + e.getKey())));
        return new EventVerifier(keys);
    }
}
