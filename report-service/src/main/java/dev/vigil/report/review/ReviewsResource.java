package dev.vigil.report.review;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vigil.access.Roles;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.upload.EvidencePublisher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Access review campaigns (docs/access-reviews.md): open one for a control now, list them, read one with every
 * decision, export it as CSV, the items waiting for the signed-in reviewer, and a reviewer's decision. Thin: the
 * work is {@link ReviewService}'s. Who decided is the signed-in caller, never a value of the request.
 */
@Path("/api/reviews")
@Tag(name = "access reviews", description = "Access review campaigns generated from the collected accounts")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class ReviewsResource {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ReviewsResource.class);
    private final ReviewService reviews;
    private final ReminderService reminders;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public ReviewsResource(ReviewService reviews, ReminderService reminders, AuditLog audit,
                           SecurityIdentity identity) {
        this.reviews = reviews;
        this.reminders = reminders;
        this.audit = audit;
        this.identity = identity;
    }

    @POST
    @Path("/campaigns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a campaign for a control (CM-01, LS-24, LS-10, LS-14) from the accounts collected now; "
            + "an admin may give 'openedOn', an earlier day, to record a campaign started before")
    public Response open(Map<String, Object> body) {
        Object controlId = body == null ? null : body.get("controlId");
        if (!(controlId instanceof String id) || id.isBlank()) {
            throw new ReviewService.ReviewException(400, "'controlId' is required");
        }
        LocalDate openedOn = openedOn(body.get("openedOn"));
        ReviewService.CampaignView opened = reviews.open(id.strip(), openedOn, me());
        CampaignDetail detail = CampaignDetail.of(opened);
        audit.record(identity, AuditLog.Action.REVIEW_CAMPAIGN_OPENED, path(opened.campaign().campaignId()),
                opened.campaign().documentSha256(), opened.campaign().controlId() + ": " + opened.items().size()
                        + " item(s), " + (openedOn == null ? "" : "recorded as opened on " + openedOn + ", ")
                        + "due " + opened.campaign().dueOn());
        try {
            reminders.remind(); // the reviewers hear of it now rather than at the next look
        } catch (RuntimeException e) {
            LOG.warnf(e, "access review %s opened; its reminders wait for the next look",
                    opened.campaign().campaignId());
        }
        return Response.status(Response.Status.CREATED).entity(detail).build();
    }

    @GET
    @Path("/campaigns")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every campaign, newest first, optionally of one control, with its state and counts")
    public List<CampaignSummary> list(@QueryParam("controlId") String controlId) {
        return reviews.campaigns(controlId).stream().map(c -> CampaignSummary.of(c, reviews.state(c),
                reviews.campaign(c.campaignId()).orElseThrow().items())).toList();
    }

    @GET
    @Path("/campaigns/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One campaign: every item with its reviewer and decision, and every decision taken, in order")
    public CampaignDetail campaign(@PathParam("id") String id) {
        return CampaignDetail.of(found(id));
    }

    @GET
    @Path("/campaigns/{id}/csv")
    @Produces("text/csv")
    @Operation(summary = "The campaign as CSV for the auditor: one row per access with its decision, who and when")
    public Response csv(@PathParam("id") String id) {
        ReviewService.CampaignView view = found(id);
        return Response.ok(ReviewCsv.write(view.campaign(), view.items()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"access-review-" + view.campaign().controlId()
                        + "-" + id + ".csv\"").build();
    }

    @GET
    @Path("/my-items")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The items of campaigns not completed that the signed-in user reviews")
    public List<ItemView> myItems() {
        return reviews.itemsOf(me()).stream().map(ItemView::of).toList();
    }

    @POST
    @Path("/campaigns/{id}/items/{itemId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an item: {\"decision\": \"keep\" or \"revoke\", \"comment\": why}; its reviewer or an admin")
    public ItemView decide(@PathParam("id") String id, @PathParam("itemId") int itemId, Map<String, Object> body) {
        Object decision = body == null ? null : body.get("decision");
        Object comment = body == null ? null : body.get("comment");
        ReviewService.CampaignView after = reviews.decide(id, itemId, decision == null ? null : decision.toString(),
                comment == null ? null : comment.toString(), me(), identity.hasRole(Roles.ADMIN));
        CampaignStore.Item item = after.items().stream().filter(i -> i.itemId() == itemId).findFirst().orElseThrow();
        audit.record(identity, AuditLog.Action.REVIEW_DECISION_RECORDED, path(id) + "/items/" + itemId,
                after.campaign().documentSha256(), after.campaign().controlId() + " item " + itemId + " ("
                        + item.account() + ": " + item.privilege() + "): " + item.state().column());
        return ItemView.of(item);
    }

    @POST
    @Path("/recheck")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the requested revokes against the collected accounts now (the closed loop runs on a timer)")
    public Map<String, Integer> recheck() {
        return Map.of("confirmed", reviews.recheckRevokes());
    }

    /**
     * A campaign started before it was recorded here (moved from a spreadsheet, say) keeps its real start: an admin
     * may say so, and the audit log names the day; everyone else opens campaigns today.
     */
    private LocalDate openedOn(Object value) {
        if (value == null) {
            return null;
        }
        if (!identity.hasRole(Roles.ADMIN)) {
            throw new ReviewService.ReviewException(403, "only an admin records a campaign as opened on an earlier "
                    + "day ('openedOn'); leave it out to open one today");
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ReviewService.ReviewException(400, "'openedOn' must be a date like 2026-09-01, not '" + value
                    + "'");
        }
    }

    @ServerExceptionMapper
    public Response refused(ReviewService.ReviewException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.status(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notPublished(EvidencePublisher.PublishFailedException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(503, "nothing was recorded: " + e.getMessage())).build();
    }

    private ReviewService.CampaignView found(String id) {
        return reviews.campaign(id).orElseThrow(() ->
                new ReviewService.ReviewException(404, "no access review campaign '" + id + "'"));
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private static String path(String campaignId) {
        return "/api/reviews/campaigns/" + campaignId;
    }

    @JsonPropertyOrder({"campaignId", "controlId", "state", "openedOn", "dueOn", "completedOn", "openedBy", "version",
            "documentSha256", "supersededBy", "items", "pending", "kept", "revokeRequested", "revokedConfirmed"})
    public record CampaignSummary(String campaignId, String controlId, String state, LocalDate openedOn,
                                  LocalDate dueOn, LocalDate completedOn, String openedBy, int version,
                                  String documentSha256, String supersededBy, int items, long pending, long kept,
                                  long revokeRequested, long revokedConfirmed) {
        static CampaignSummary of(CampaignStore.Campaign c, CampaignState state, List<CampaignStore.Item> items) {
            return new CampaignSummary(c.campaignId(), c.controlId(), state.column(), c.openedOn(), c.dueOn(),
                    c.completedOn(), c.openedBy(), c.version(), c.documentSha256(), c.supersededBy(), items.size(),
                    count(items, ItemState.PENDING), count(items, ItemState.KEPT),
                    count(items, ItemState.REVOKE_REQUESTED), count(items, ItemState.REVOKED_CONFIRMED));
        }

        private static long count(List<CampaignStore.Item> items, ItemState state) {
            return items.stream().filter(i -> i.state() == state).count();
        }
    }

    @JsonPropertyOrder({"campaignId", "itemId", "system", "account", "person", "privilege", "reviewer",
            "reviewerBasis", "state", "decidedBy", "decidedAt", "comment", "confirmedAt", "resourceKey", "evidenceId"})
    public record ItemView(String campaignId, int itemId, String system, String account, String person,
                           String privilege, String reviewer, String reviewerBasis, String state, String decidedBy,
                           Instant decidedAt, String comment, Instant confirmedAt, String resourceKey,
                           String evidenceId) {
        static ItemView of(CampaignStore.Item i) {
            return new ItemView(i.campaignId(), i.itemId(), i.system(), i.account(), i.person(), i.privilege(),
                    i.reviewer(), i.reviewerBasis(), i.state().column(), i.decidedBy(), i.decidedAt(), i.comment(),
                    i.confirmedAt(), i.resourceKey(), i.evidenceId());
        }
    }

    public record DecisionView(int itemId, String decision, String decidedBy, Instant decidedAt, String comment) {
    }

    public record CampaignDetail(CampaignSummary campaign, List<ItemView> items, List<DecisionView> decisions) {
        static CampaignDetail of(ReviewService.CampaignView v) {
            return new CampaignDetail(CampaignSummary.of(v.campaign(), v.state(), v.items()),
                    v.items().stream().map(ItemView::of).toList(),
                    v.decisions().stream().map(d -> new DecisionView(d.itemId(), d.decision(), d.decidedBy(),
                            d.decidedAt(), d.comment())).toList());
        }
    }
}
