package dev.vigil.evaluator.api;

import dev.vigil.access.Roles;
import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.ledger.LedgerVerification;
import dev.vigil.evaluator.ingest.DecisionLedger;
import dev.vigil.evaluator.ingest.EvidenceLedger;
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

import java.time.Instant;
import java.util.List;

/**
 * The evidence ledger: the hash chain of every evidence version recorded, for bundles (a period's segment and the
 * hash it hangs from) and for operators who want the stored chain checked.
 */
@Path("/api/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {
    static final int MAX_LIMIT = 5000;

    @Inject
    EvidenceLedger ledger;
    @Inject
    DecisionLedger decisionLedger;

    /**
     * @param anchorPrevHash the hash the first record links to (check the segment with it)
     * @param nextAfter      pass as {@code after} for the next page; null on the last page
     */
    public record Segment(String anchorPrevHash, List<LedgerRecord> records, Long nextAfter) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Transactional
    public Segment segment(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("after") @DefaultValue("0") long after,
                           @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'limit' must be between 1 and " + MAX_LIMIT);
        }
        Instant start = ApiErrors.instant(from, "from", Instant.EPOCH);
        Instant end = ApiErrors.instant(to, "to", Instant.parse("9999-12-31T23:59:59Z"));
        if (!start.isBefore(end)) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'from' must be before 'to'");
        }
        List<LedgerRecord> records = ledger.recordedBetween(start, end, after, limit);
        String anchor = records.isEmpty() ? null : ledger.hashBefore(records.get(0).seq());
        return new Segment(anchor, records, records.size() == limit ? records.get(records.size() - 1).seq() : null);
    }

    /**
     * The risk acceptances and scoping decisions whose ledger records were appended in [from, to): each with its
     * seq and its document, the exact text whose sha256 is the record's evidenceId (bundles carry it).
     */
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/decisions")
    public List<DecisionLedger.Kept> decisions(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = ApiErrors.instant(from, "from", Instant.EPOCH);
        Instant end = ApiErrors.instant(to, "to", Instant.parse("9999-12-31T23:59:59Z"));
        if (!start.isBefore(end)) {
            throw ApiErrors.of(Response.Status.BAD_REQUEST, "'from' must be before 'to'");
        }
        return decisionLedger.recordedBetween(start, end);
    }

    /** Recomputes every stored record's hash and link, page by page. */
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.SERVICE})
    @GET
    @Path("/verification")
    @Transactional
    public LedgerVerification verification() {
        LedgerChain.Verifier verifier = LedgerChain.verifier(LedgerRecord.GENESIS_HASH, 1L);
        long next = 1;
        while (true) {
            List<LedgerRecord> page = ledger.from(next, MAX_LIMIT);
            for (LedgerRecord r : page) {
                if (!verifier.accept(r)) {
                    return verifier.result();
                }
            }
            if (page.size() < MAX_LIMIT) {
                return verifier.result();
            }
            next = page.get(page.size() - 1).seq() + 1;
        }
    }
}
