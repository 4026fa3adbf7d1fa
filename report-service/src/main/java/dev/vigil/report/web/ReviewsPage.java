package dev.vigil.report.web;

import dev.vigil.access.Roles;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.report.access.AuditLog;
import dev.vigil.report.review.CampaignState;
import dev.vigil.report.review.CampaignStore;
import dev.vigil.report.review.ItemState;
import dev.vigil.report.review.ReviewScope;
import dev.vigil.report.review.ReviewService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access review pages (docs/access-reviews.md#the-reviewer-page): the signed-in reviewer's open items grouped by
 * campaign, each decided keep or revoke with a comment right there; every campaign with its state; and one campaign
 * with every item, decision, who and when, and its CSV export. The decisions are {@link ReviewService}'s, the same
 * as the API's, and leave the same audit entry.
 */
@Path("/reviews")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
public class ReviewsPage {

    /** A campaign as the list shows it: its counts of items by state. */
    public record CampaignRow(CampaignStore.Campaign campaign, String state, int items, long pending, long kept,
                              long revokeRequested, long revokedConfirmed) {
        static CampaignRow of(CampaignStore.Campaign c, CampaignState state, List<CampaignStore.Item> items) {
            return new CampaignRow(c, state.column(), items.size(), count(items, ItemState.PENDING),
                    count(items, ItemState.KEPT), count(items, ItemState.REVOKE_REQUESTED),
                    count(items, ItemState.REVOKED_CONFIRMED));
        }

        private static long count(List<CampaignStore.Item> items, ItemState state) {
            return items.stream().filter(i -> i.state() == state).count();
        }
    }

    /** The reviewer's items of one campaign. */
    public record MyCampaign(CampaignStore.Campaign campaign, String state, List<CampaignStore.Item> items) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String catalogueVersion, String me, List<MyCampaign> mine,
                                             List<CampaignRow> campaigns, String controlId, List<String> reviewed,
                                             String problem, Instant renderedAt);

        static native TemplateInstance campaign(String catalogueVersion, CampaignRow summary,
                                                List<CampaignStore.Item> items,
                                                List<CampaignStore.DecisionRow> decisions, Instant renderedAt);

        static native TemplateInstance notFound(String catalogueVersion, String id, Instant renderedAt);
    }

    private final ReviewService reviews;
    private final Catalogue catalogue;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final AuditLog audit;

    public ReviewsPage(ReviewService reviews, Catalogue catalogue, Clock clock, SecurityIdentity identity,
                       AuditLog audit) {
        this.reviews = reviews;
        this.catalogue = catalogue;
        this.clock = clock;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance index(@QueryParam("controlId") String controlId) {
        return page(controlId, null);
    }

    @GET
    @Path("/{campaignId}")
    @Operation(hidden = true)
    public Response campaign(@PathParam("campaignId") String campaignId) {
        return reviews.campaign(campaignId)
                .map(v -> Response.ok(Templates.campaign(catalogue.version(),
                        CampaignRow.of(v.campaign(), v.state(), v.items()), v.items(), v.decisions(),
                        clock.instant())).build())
                .orElseGet(() -> Response.status(404).type(MediaType.TEXT_HTML)
                        .entity(Templates.notFound(catalogue.version(), campaignId, clock.instant()).render()).build());
    }

    @POST
    @Path("/{campaignId}/items/{itemId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response decide(@PathParam("campaignId") String campaignId, @PathParam("itemId") int itemId,
                           @FormParam("decision") String decision, @FormParam("comment") String comment) {
        try {
            ReviewService.CampaignView after = reviews.decide(campaignId, itemId, decision, comment,
                    identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN));
            CampaignStore.Item item = after.items().stream().filter(i -> i.itemId() == itemId).findFirst()
                    .orElseThrow();
            // the same entry as the API's: one decision, however it was given
            audit.record(identity, AuditLog.Action.REVIEW_DECISION_RECORDED, "/api/reviews/campaigns/" + campaignId
                    + "/items/" + itemId, after.campaign().documentSha256(), after.campaign().controlId() + " item "
                    + itemId + " (" + item.account() + ": " + item.privilege() + "): " + item.state().column());
            return Response.seeOther(URI.create("/reviews#campaign-" + campaignId)).build();
        } catch (ReviewService.ReviewException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML).entity(page(null, e.getMessage()).render())
                    .build();
        }
    }

    private TemplateInstance page(String controlId, String problem) {
        String me = identity.getPrincipal().getName();
        Map<String, List<CampaignStore.Item>> byCampaign = new LinkedHashMap<>();
        for (CampaignStore.Item i : reviews.itemsOf(me)) {
            byCampaign.computeIfAbsent(i.campaignId(), k -> new ArrayList<>()).add(i);
        }
        List<MyCampaign> mine = new ArrayList<>();
        byCampaign.forEach((id, items) -> reviews.campaign(id).ifPresent(v ->
                mine.add(new MyCampaign(v.campaign(), v.state().column(), items))));
        // soonest due first: what the reviewer should do next
        mine.sort((x, y) -> x.campaign().dueOn().compareTo(y.campaign().dueOn()));
        String filter = controlId == null || controlId.isBlank() ? null : controlId.strip();
        List<CampaignRow> campaigns = reviews.campaigns(filter).stream()
                .map(c -> reviews.campaign(c.campaignId()).orElseThrow())
                .map(v -> CampaignRow.of(v.campaign(), v.state(), v.items())).toList();
        List<String> reviewed = java.util.Arrays.stream(ReviewScope.values()).map(ReviewScope::controlId).toList();
        return Templates.index(catalogue.version(), me, mine, campaigns, filter, reviewed, problem, clock.instant());
    }
}
