package dev.vigil.evaluator.api;

import dev.vigil.access.EventSigning;
import dev.vigil.access.Roles;
import dev.vigil.common.ledger.CheckpointedLedger;
import dev.vigil.common.ledger.LedgerChains;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.ledger.LedgerVerification;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.signing.EventVerifier;
import dev.vigil.evaluator.ingest.DecisionLedger;
import dev.vigil.evaluator.ingest.EvidenceLedger;
import dev.vigil.evaluator.ingest.LedgerCheckpoints;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The evidence ledger: one hash chain per evidence partition (and the chains {@code decisions}, {@code derived},
 * {@code legacy}) bound by signed checkpoints. For bundles (a period's segment of each chain, the hash it hangs
 * from, the checkpoints) and for operators who want the stored ledger checked.
 */
@Path("/api/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger", description = "The evidence ledger: hash chains, signed checkpoints and their verification")
public class LedgerResource {
    static final int MAX_LIMIT = 5000;
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    @Inject
    EvidenceLedger ledger;
    @Inject
    DecisionLedger decisionLedger;
    @Inject
    LedgerCheckpoints checkpoints;
    @Inject
    EventSigning signing;

    /**
     * A page of one chain's records.
     *
     * @param anchorPrevHash the hash the first record links to (check the segment with it)
     * @param nextAfter      pass as {@code after} for the next page; null on the last page
     */
    public record Segment(String chain, String anchorPrevHash, List<LedgerRecord> records, Long nextAfter) {
    }

    /** Records of every chain, in ledger order, each with its {@code chain} and {@code position}. */
    public record AllChains(List<Map<String, Object>> records, Long nextAfter) {
    }

    /**
     * A chain as a period sees it: the record before the period ({@code anchorSeq} 0 and the genesis hash when
     * none), how many records the period appended, and the chain's head now.
     */
    public record Chain(String chain, long anchorSeq, String anchorPrevHash, long headSeq, String headHash) {
    }

    /** A stored checkpoint, heads as objects. */
    public record Checkpoint(long seq, Instant createdAt, List<LedgerCheckpoint.Head> heads, String prevHash,
                             String keyId, String hash, String signature) {
        static Checkpoint of(LedgerCheckpoint c) {
            return new Checkpoint(c.seq(), c.createdAt(), c.heads(), c.prevHash(), c.keyId(), c.hash(), c.signature());
        }
    }

    /**
     * Records of one chain ({@code chain}) appended in [from, to), paged by seq. Without {@code chain}: the
     * records of every chain in ledger order, paged by position, each with {@code chain}; no anchor then, as they
     * link only within their chains.
     */
    @Operation(summary = "Ledger records appended in [from, to): of one chain with its anchor, or of every chain in "
            + "ledger order")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Transactional
    public Object segment(@QueryParam("chain") String chain, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("after") @DefaultValue("0") long after,
                          @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'limit' must be between 1 and " + MAX_LIMIT);
        }
        Instant start = ApiErrors.instant(from, "from", Instant.EPOCH);
        Instant end = ApiErrors.instant(to, "to", END_OF_TIME);
        if (!start.isBefore(end)) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'from' must be before 'to'");
        }
        if (chain == null) {
            List<EvidenceLedger.Stored> all = ledger.recordedBetween(start, end, after, limit);
            return new AllChains(all.stream().map(LedgerResource::withChain).toList(),
                    all.size() == limit ? all.get(all.size() - 1).position() : null);
        }
        requireChain(chain);
        List<LedgerRecord> records = ledger.recordedBetween(chain, start, end, after, limit).stream()
                .map(EvidenceLedger.Stored::record).toList();
        String anchor = records.isEmpty() ? null : ledger.hashBefore(chain, records.get(0).seq());
        return new Segment(chain, anchor, records,
                records.size() == limit ? records.get(records.size() - 1).seq() : null);
    }

    /** Every chain, with where a period [from, to) of it starts (what a bundle's anchor of the chain says). */
    @Operation(summary = "Every chain, with where a period starting at from begins in it and its head now")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/chains")
    @Transactional
    public List<Chain> chains(@QueryParam("from") String from) {
        Instant start = ApiErrors.instant(from, "from", Instant.EPOCH);
        List<Chain> out = new ArrayList<>();
        for (EvidenceLedger.Head head : ledger.heads()) {
            EvidenceLedger.Head before = ledger.headBefore(head.chain(), start);
            out.add(new Chain(head.chain(), before.seq(), before.hash(), head.seq(), head.hash()));
        }
        return out;
    }

    /** The checkpoints a period needs: the last one before {@code from} and every one made in [from, to). */
    @Operation(summary = "The signed checkpoints a period needs: the last one before from and every one made in "
            + "[from, to)")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/checkpoints")
    @Transactional
    public List<Checkpoint> checkpoints(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = ApiErrors.instant(from, "from", Instant.EPOCH);
        Instant end = ApiErrors.instant(to, "to", END_OF_TIME);
        return checkpoints.forPeriod(start, end).stream().map(Checkpoint::of).toList();
    }

    /** The public key checkpoints are signed with (the evaluator's event key), as PEM; 404 when signing is off. */
    @Operation(summary = "The public key checkpoints are signed with, as PEM; 404 when signing is off")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/checkpoint-key")
    public Map<String, String> checkpointKey() {
        return signing.signer().map(s -> Map.of("keyId", s.keyId(), "publicKey", Ed25519Keys.pem(s.publicKey())))
                .orElseThrow(() -> ApiErrors.of(Response.Status.NOT_FOUND,
                        "event signing is off: ledger checkpoints are not signed"));
    }

    /**
     * The risk acceptances and scoping decisions whose ledger records were appended in [from, to): each with its
     * seq in the chain of decisions and its document, the exact text whose sha256 is the record's evidenceId.
     */
    @Operation(summary = "Risk acceptances and scoping decisions appended to the ledger in [from, to), with their "
            + "documents")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/decisions")
    public List<DecisionLedger.Kept> decisions(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = ApiErrors.instant(from, "from", Instant.EPOCH);
        Instant end = ApiErrors.instant(to, "to", END_OF_TIME);
        if (!start.isBefore(end)) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'from' must be before 'to'");
        }
        return decisionLedger.recordedBetween(start, end);
    }

    /**
     * The outcome of checking the whole stored ledger.
     *
     * @param valid          nothing wrong
     * @param recordsChecked records of all chains read
     * @param problems       each naming the chain and seq (or the checkpoint) it is about
     * @param brokenChain    the first problem's chain, {@code brokenSeq} its seq, {@code breakage} and
     *                       {@code detail} the first broken record's (kept for single-chain readers)
     */
    public record Verification(boolean valid, long recordsChecked, int chainsChecked, long checkpointsChecked,
                               List<CheckpointedLedger.Problem> problems, String brokenChain, Long brokenSeq,
                               LedgerVerification.Breakage breakage, String detail) {
    }

    /** Recomputes every chain's hashes and links page by page, and every checkpoint's hash, signature and heads. */
    @Operation(summary = "Recompute every chain's hashes and links and every checkpoint's signature and heads")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/verification")
    @Transactional
    public Verification verification() {
        EventVerifier own = signing.signer().map(s -> new EventVerifier(Map.of(s.keyId(), s.publicKey())))
                .orElse(null);
        CheckpointedLedger verifier = new CheckpointedLedger(own);
        long nextCheckpoint = 1;
        while (true) {
            List<LedgerCheckpoint> page = checkpoints.from(nextCheckpoint, MAX_LIMIT);
            page.forEach(verifier::checkpoint);
            if (page.size() < MAX_LIMIT) {
                break;
            }
            nextCheckpoint = page.get(page.size() - 1).seq() + 1;
        }
        long records = 0;
        LedgerVerification firstBroken = null;
        List<EvidenceLedger.Head> heads = ledger.heads();
        for (EvidenceLedger.Head head : heads) {
            CheckpointedLedger.Chain chain = verifier.chain(head.chain(), LedgerChains.genesis(head.chain()), 1);
            long next = 1;
            boolean going = true;
            while (going) {
                List<EvidenceLedger.Stored> page = ledger.from(head.chain(), next, MAX_LIMIT);
                for (EvidenceLedger.Stored s : page) {
                    records++;
                    if (!chain.accept(s.record())) {
                        going = false;
                        break;
                    }
                }
                going = going && page.size() == MAX_LIMIT;
                next = page.isEmpty() ? next : page.get(page.size() - 1).record().seq() + 1;
            }
            LedgerVerification result = chain.end();
            if (!result.valid() && firstBroken == null) {
                firstBroken = result;
            }
        }
        List<CheckpointedLedger.Problem> problems = verifier.problems();
        CheckpointedLedger.Problem first = problems.isEmpty() ? null : problems.get(0);
        return new Verification(problems.isEmpty(), records, heads.size(), verifier.checkpointsChecked(), problems,
                first == null ? null : first.chain(), first == null ? null : first.seq(),
                firstBroken == null ? null : firstBroken.breakage(),
                first == null ? null : first.message());
    }

    private void requireChain(String chain) {
        try {
            LedgerChains.requireName(chain);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    private static Map<String, Object> withChain(EvidenceLedger.Stored s) {
        LedgerRecord r = s.record();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("chain", s.chain());
        m.put("position", s.position());
        m.put("seq", r.seq());
        m.put("evidenceId", r.evidenceId());
        m.put("source", r.source());
        m.put("resourceType", r.resourceType());
        m.put("resourceKey", r.resourceKey());
        m.put("observedAt", r.observedAt());
        m.put("recordedAt", r.recordedAt());
        m.put("prevHash", r.prevHash());
        m.put("hash", r.hash());
        return m;
    }
}
