package dev.vigil.report.bundle;

import dev.vigil.access.Roles;
import dev.vigil.bundle.BundleKeySet;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleSigningKeys;
import dev.vigil.bundle.BundleSummary;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.access.PeriodGuard;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.history.HistoryStore;
import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.period.BundlePeriods;
import dev.vigil.report.period.Period;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Period evidence bundles for auditors, and the public keys that check them (docs/bundles.md). */
@Path("/api/bundles")
@Tag(name = "bundles", description = "Signed evidence bundles of an observation period")
public class BundlesResource {
    private static final Logger LOG = Logger.getLogger(BundlesResource.class);
    public static final String ZIP = "application/zip";

    private final PeriodBundle bundle;
    private final PeriodEvidence evidence;
    private final HistoryStore history;
    private final BundleSigningKeys keys;
    private final BundleConfig config;
    private final Clock clock;
    private final PeriodGuard guard;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public BundlesResource(PeriodBundle bundle, PeriodEvidence evidence, HistoryStore history, BundleSigningKeys keys,
                           BundleConfig config, Clock clock, PeriodGuard guard, AuditLog audit,
                           SecurityIdentity identity) {
        this.guard = guard;
        this.audit = audit;
        this.identity = identity;
        this.bundle = bundle;
        this.evidence = evidence;
        this.history = history;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Produces({ZIP, "application/json"})
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Transactional
    @Operation(summary = "The signed evidence bundle of a period, streamed as a ZIP (check it with vigil-verify)")
    public Response download(
            @Parameter(description = "first day (2026-01-01, included) or ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(description = "last day (2026-03-31, included) or ISO-8601 instant (excluded)") @QueryParam("to") String to) {
        Instant now = clock.instant();
        Period period = BundlePeriods.parse(from, to, now, config.maxPeriod());
        guard.require(period);
        requireSigningKey(now);
        // Read before the first byte is sent, so an unreachable evaluator is a 502 with a reason, not a cut download.
        List<AcceptedException> accepted = evidence.acceptedExceptions();
        Map<String, List<StatusInterval>> intervals = history.overlappingAll(period.from(), period.to());
        // A copy: the request-scoped identity may be gone by the time the last byte is written.
        SecurityIdentity who = QuarkusSecurityIdentity.builder(identity).build();
        StreamingOutput body = out -> {
            BundleSummary written = bundle.write(out, period, intervals, accepted, evidence, now);
            // The manifest's sha256 identifies the bundle: it covers every file's hash, and the signature covers it.
            audit.record(who, AuditLog.Action.BUNDLE_DOWNLOADED, "/api/bundles?from=" + period.from() + "&to="
                    + period.to(), written.manifestSha256(), written.filesListed() + " files, signed with key "
                    + written.keyId());
            LOG.infof("bundle %s .. %s written: %d files, manifest sha256 %s, key %s", period.from(), period.to(),
                    written.filesListed(), written.manifestSha256(), written.keyId());
        };
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(period) + "\"")
                .build();
    }

    @GET
    @Path("/signing-key")
    @PermitAll
    @Produces("application/jwk+json")
    @Operation(summary = "The public key bundles are signed with now (a JWK with its key id); after a key rotation"
            + " pin the key set (/api/bundles/signing-keys) instead")
    public String signingKey() {
        return requireSigningKey(clock.instant()).publicJwk().toJSONString();
    }

    @GET
    @Path("/signing-keys")
    @PermitAll
    @Produces(BundleKeySet.MEDIA_TYPE)
    @Operation(summary = "Every bundle signing key, current and retired, as a JWK Set: each with its kid and its"
            + " validity (nbf, exp: seconds since the epoch); pin it to verify bundles across key rotations"
            + " (vigil-verify --key-set)")
    public String signingKeys() {
        return keys.keySet().toJson();
    }

    /** The key that signs a bundle created at {@code now}; 503 with the reason if no configured key may. */
    private BundleSigner requireSigningKey(Instant now) {
        try {
            return keys.signerAt(now);
        } catch (IllegalStateException e) {
            LOG.error(e.getMessage());
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON).entity(new ApiError(503, e.getMessage())).build());
        }
    }

    static String fileName(Period period) {
        return "vigil-evidence-" + period.from().toString().replace(":", "") + "-"
                + period.to().toString().replace(":", "") + ".zip";
    }
}
