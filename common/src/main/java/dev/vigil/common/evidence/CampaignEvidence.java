package dev.vigil.common.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence contract of an access review campaign (report-service's campaigns, docs/access-reviews.md): one
 * resource per campaign, of type {@code review.<control in lower case>} ({@code review.cm-01}: a rule judges one
 * resource type, and each control is evidenced by its own campaigns only) and key
 * {@code review:campaign:<control>:<campaign id>},
 * whose facts are its window, when it completed, every item with its decision and who made it, and
 * {@code observedOn}, the day the campaign was read. The rule judges the window against {@code observedOn}, so a
 * campaign left open past its due date fails the day after with nobody touching it. In common because the publisher
 * (report-service) and the evaluator's tests build the very same event.
 */
public final class CampaignEvidence {
    public static final String PROVIDER = "reviews";
    public static final String OPERATION = "review:read";
    public static final String COLLECTOR = "report-service";

    private CampaignEvidence() {
    }

    /**
     * One version of a campaign, as recorded.
     *
     * @param supersededBy a later campaign of the same control that completed, or null: this one no longer counts
     * @param items        every item: {@code itemId}, {@code system}, {@code account}, {@code person},
     *                     {@code privilege}, {@code reviewer}, {@code reviewerBasis}, {@code state}, {@code decision},
     *                     {@code decidedBy}, {@code decidedAt}, {@code comment}, {@code confirmedAt}
     */
    public record Campaign(String controlId, String campaignId, int version, LocalDate openedOn, LocalDate dueOn,
                           LocalDate completedOn, String openedBy, String supersededBy,
                           List<Map<String, Object>> items, String documentSha256) {
    }

    public static SourceRef source(String controlId) {
        return new SourceRef(PROVIDER, controlId);
    }

    public static String resourceType(String controlId) {
        return "review." + controlId.toLowerCase(java.util.Locale.ROOT);
    }

    public static String resourceKey(String controlId, String campaignId) {
        return "review:campaign:" + controlId + ":" + campaignId;
    }

    /** The campaign as read on {@code observedOn}; its provenance cites the version's document in the evidence store. */
    public static EvidenceEvent event(Campaign c, LocalDate observedOn, Instant observedAt, String runId,
                                      String collectorVersion) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("controlId", c.controlId());
        facts.put("campaignId", c.campaignId());
        facts.put("version", c.version());
        facts.put("openedOn", c.openedOn().toString());
        facts.put("dueOn", c.dueOn().toString());
        facts.put("completedOn", c.completedOn() == null ? null : c.completedOn().toString());
        facts.put("openedBy", c.openedBy());
        facts.put("supersededBy", c.supersededBy());
        facts.put("itemCount", c.items().size());
        for (String state : List.of("pending", "kept", "revoke-requested", "revoked-confirmed")) {
            facts.put(camel(state), c.items().stream().filter(i -> state.equals(i.get("state"))).count());
        }
        facts.put("items", c.items());
        facts.put("observedOn", observedOn.toString());
        Provenance provenance = new Provenance(OPERATION, Map.of("controlId", c.controlId(), "campaignId",
                c.campaignId(), "version", Integer.toString(c.version())), null, c.documentSha256(), COLLECTOR,
                collectorVersion);
        return EvidenceEvent.of(source(c.controlId()), resourceType(c.controlId()), resourceKey(c.controlId(), c.campaignId()),
                observedAt, runId, Redactor.redactFacts(facts), provenance);
    }

    private static String camel(String state) {
        int dash = state.indexOf('-');
        return dash < 0 ? state : state.substring(0, dash) + Character.toUpperCase(state.charAt(dash + 1))
                + state.substring(dash + 2);
    }
}
