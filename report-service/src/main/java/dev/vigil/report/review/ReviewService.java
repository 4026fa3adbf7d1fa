package dev.vigil.report.review;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.CampaignEvidence;
import dev.vigil.common.evidence.CanonicalJson;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.Times;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.linked.EvaluatedResource;
import dev.vigil.report.linked.LinkedServices;
import dev.vigil.report.upload.EvidencePublisher;
import dev.vigil.report.upload.ManualDocumentEvidence;
import dev.vigil.report.upload.ValidUpload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs access review campaigns (docs/access-reviews.md): opens one for a control from the accounts the evaluator holds
 * now, records each reviewer's decision, confirms requested revokes against later collections, and publishes every
 * version of a campaign as signed evidence whose document is kept in the evidence store; a completed campaign is also
 * published as the control's review document. As with the registers, a version commits only once the broker took its
 * evidence, and every campaign is read again on a timer so a due date that passes fails it with nobody acting.
 */
@ApplicationScoped
public class ReviewService {
    /** Who confirms a revoke: the closed loop, not a person. */
    public static final String CLOSED_LOOP = "vigil (closed loop)";
    static final int MAX_COMMENT = 2000;
    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final CampaignStore store;
    private final LinkedServices linked;
    private final Catalogue catalogue;
    private final EvidenceStore evidenceStore;
    private final EvidencePublisher publisher;
    private final Clock clock;
    private final ReviewsConfig config;
    private final String version;

    public ReviewService(CampaignStore store, LinkedServices linked, Catalogue catalogue, EvidenceStore evidenceStore,
                         EvidencePublisher publisher, Clock clock, ReviewsConfig config,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.store = store;
        this.linked = linked;
        this.catalogue = catalogue;
        this.evidenceStore = evidenceStore;
        this.publisher = publisher;
        this.clock = clock;
        this.config = config;
        this.version = version;
    }

    /** A request that cannot be done as asked; {@code status} is the HTTP status that says why. */
    public static class ReviewException extends RuntimeException {
        private final int status;

        public ReviewException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A campaign as it stands, with every item and every decision taken. */
    public record CampaignView(CampaignStore.Campaign campaign, CampaignState state, List<CampaignStore.Item> items,
                               List<CampaignStore.DecisionRow> decisions) {
    }

    /**
     * Opens a campaign for the control now, from the accounts the evaluator holds. Refused while another campaign of
     * the control is open within its window, and when no account was ever collected (an empty review proves nothing).
     */
    public CampaignView open(String controlId, String who) {
        return open(controlId, null, who);
    }

    /**
     * The same, recorded as opened on {@code openedOn} (null: today): a campaign started before it was recorded in
     * Vigil, its window counted from that day. Never a day to come; who may back-date one is the caller's to check.
     */
    public CampaignView open(String controlId, LocalDate openedOn, String who) {
        LocalDate opened;
        try {
            opened = CampaignWindow.openedOn(openedOn, today());
        } catch (IllegalArgumentException e) {
            throw new ReviewException(400, e.getMessage());
        }
        ReviewScope scope = ReviewScope.of(controlId).orElseThrow(() -> new ReviewException(400, "'" + controlId
                + "' is not reviewed by access review campaigns; they review " + String.join(", ",
                java.util.Arrays.stream(ReviewScope.values()).map(ReviewScope::controlId).toList())));
        ControlDefinition control = catalogue.control(controlId).orElseThrow(() ->
                new ReviewException(400, "'" + controlId + "' is not in the control catalogue"));
        List<CollectedAccount> accounts = accounts();
        if (accounts.isEmpty()) {
            throw new ReviewException(409, "no accounts have been collected yet: a campaign is generated from the "
                    + "collected accounts, so collect first");
        }
        return QuarkusTransaction.requiringNew().call(() -> openFrom(scope, control, accounts, opened, who));
    }

    private CampaignView openFrom(ReviewScope scope, ControlDefinition control, List<CollectedAccount> accounts,
                                  LocalDate openedOn, String who) {
        LocalDate today = today();
        for (CampaignStore.Campaign c : store.campaigns(scope.controlId())) {
            if (c.window().state(c.completedOn(), today) == CampaignState.OPEN) {
                throw new ReviewException(409, "campaign " + c.campaignId() + " of " + scope.controlId()
                        + " is still open (due " + c.dueOn() + "): complete it first");
            }
        }
        List<CampaignGenerator.Draft> drafts = CampaignGenerator.generate(scope, accounts, config.reviewers());
        CampaignWindow window = CampaignWindow.opening(openedOn, CampaignWindow.days(control, scope));
        String id = UUID.randomUUID().toString();
        Instant now = Times.micros(clock.instant());
        // an empty review (no external user at all) is complete the day it opens, and says so in its evidence
        CampaignStore.Campaign opened = new CampaignStore.Campaign(id, scope.controlId(), window.openedOn(),
                window.dueOn(), drafts.isEmpty() ? today : null, who, now, 1, "pending", null);
        store.insert(opened);
        int n = 0;
        for (CampaignGenerator.Draft d : drafts) {
            Access a = d.access();
            store.insert(new CampaignStore.Item(id, ++n, a.accessKey(), a.system(), a.account(), a.person(),
                    a.privilege(), a.resourceKey(), a.evidenceId(), d.reviewer().reviewer(),
                    d.reviewer().basis().name().toLowerCase(java.util.Locale.ROOT), ItemState.PENDING, null, null,
                    null, null));
        }
        CampaignStore.Campaign recorded = recordVersion(opened, drafts.isEmpty() ? "completed" : "opened", who, now);
        LOG.infof("access review %s of %s opened by %s: %d item(s), due %s", id, scope.controlId(), who,
                drafts.size(), window.dueOn());
        return view(recorded);
    }

    /**
     * Records a reviewer's decision. Only the item's reviewer, or an admin, decides it; the comment is required (it is
     * the justification an auditor reads) and passes the redaction net.
     */
    public CampaignView decide(String campaignId, int itemId, String decisionText, String comment, String who,
                               boolean admin) {
        Decision decision = Decision.parse(decisionText).orElseThrow(() ->
                new ReviewException(400, "'decision' must be keep or revoke, not '" + decisionText + "'"));
        if (comment == null || comment.isBlank()) {
            throw new ReviewException(400, "'comment' is required: say why the access is kept or revoked");
        }
        if (comment.length() > MAX_COMMENT) {
            throw new ReviewException(400, "'comment' is longer than " + MAX_COMMENT + " characters");
        }
        String safe = Redactor.redactText(comment.strip());
        return QuarkusTransaction.requiringNew().call(() -> {
            CampaignStore.Campaign campaign = store.campaign(campaignId, true)
                    .orElseThrow(() -> new ReviewException(404, "no access review campaign '" + campaignId + "'"));
            CampaignStore.Item item = store.items(campaignId).stream().filter(i -> i.itemId() == itemId).findFirst()
                    .orElseThrow(() -> new ReviewException(404, "campaign " + campaignId + " has no item " + itemId));
            if (!admin && !item.reviewer().equalsIgnoreCase(who)) {
                throw new ReviewException(403, "item " + itemId + " is for " + item.reviewer() + " to review");
            }
            ItemState next;
            try {
                next = ReviewRules.decide(campaign.window().state(campaign.completedOn(), today()), item.state(),
                        decision);
            } catch (ReviewRules.RefusedDecision e) {
                throw new ReviewException(409, e.getMessage());
            }
            Instant now = Times.micros(clock.instant());
            store.decide(item, decision.column(), who, now, safe, next);
            return view(settle(campaign, "decided", who, now));
        });
    }

    /** The closed loop on a timer (docs/access-reviews.md#closed-loop). */
    @Scheduled(every = "${vigil.reviews.recheck-interval:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheckOnTimer() {
        try {
            recheckRevokes();
        } catch (ReviewException e) {
            LOG.warnf("requested revokes not checked: %s", e.getMessage());
        }
    }

    /**
     * The closed loop: every requested revoke of a campaign not completed is checked against the accounts the
     * evaluator holds now, and confirmed once no current account shows the access; a campaign whose last item settles
     * completes. Answers how many were confirmed; the accounts unreadable is a 503.
     */
    public int recheckRevokes() {
        List<CampaignStore.Campaign> waiting = QuarkusTransaction.requiringNew().call(store::awaitingConfirmation);
        if (waiting.isEmpty()) {
            return 0;
        }
        List<CollectedAccount> accounts = accounts();
        int confirmed = 0;
        for (CampaignStore.Campaign c : waiting) {
            confirmed += confirmRevokes(c.campaignId(), accounts);
        }
        return confirmed;
    }

    /** Confirms the campaign's requested revokes the accounts no longer show; answers how many. */
    private int confirmRevokes(String campaignId, List<CollectedAccount> accounts) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CampaignStore.Campaign campaign = store.campaign(campaignId, true).orElseThrow();
            ReviewScope scope = ReviewScope.of(campaign.controlId()).orElseThrow();
            List<CampaignStore.Item> items = store.items(campaignId);
            Set<String> current = CampaignGenerator.currentAccess(scope, accounts);
            List<Integer> confirmed = ReviewRules.confirmedRevokes(items, current);
            if (confirmed.isEmpty()) {
                return 0;
            }
            Instant now = Times.micros(clock.instant());
            for (CampaignStore.Item item : items) {
                if (confirmed.contains(item.itemId())) {
                    store.decide(item, "confirmed-gone", CLOSED_LOOP, now, "the collection no longer shows "
                            + item.privilege() + " for " + item.account(), ItemState.REVOKED_CONFIRMED);
                }
            }
            settle(campaign, "confirmed", CLOSED_LOOP, now);
            LOG.infof("access review %s: %d revoke(s) confirmed gone by a later collection", campaignId,
                    confirmed.size());
            return confirmed.size();
        });
    }

    /** The evaluator's current accounts; a read that fails is a 503 for whoever asked. */
    public List<CollectedAccount> accounts() {
        LinkedServices.Answer<List<EvaluatedResource>> answer = linked.resourcesWithFacts(ReviewScope.resourceTypes());
        if (!answer.ok()) {
            throw new ReviewException(503, "the collected accounts could not be read: " + answer.unavailable());
        }
        return answer.value().stream().filter(EvaluatedResource::inScope).map(r -> new CollectedAccount(r.resourceType(), r.source(), r.resourceKey(),
                r.evidenceId(), r.facts())).toList();
    }

    /** Reads every campaign again as of today, so a campaign whose due date passed fails with nobody acting. */
    @Scheduled(every = "${vigil.reviews.observe-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void observeEveryCampaign() {
        List<CampaignStore.Campaign> campaigns = QuarkusTransaction.requiringNew().call(() -> store.campaigns(null));
        String runId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        for (CampaignStore.Campaign c : campaigns) {
            List<CampaignStore.Item> items = QuarkusTransaction.requiringNew().call(() -> store.items(c.campaignId()));
            publisher.publish(CampaignEvidence.event(evidence(c, items), today(), now, runId, version));
        }
    }

    public List<CampaignStore.Campaign> campaigns(String controlId) {
        return QuarkusTransaction.requiringNew().call(() -> store.campaigns(controlId));
    }

    public Optional<CampaignView> campaign(String campaignId) {
        return QuarkusTransaction.requiringNew().call(() -> store.campaign(campaignId, false).map(this::view));
    }

    public List<CampaignStore.Item> itemsOf(String reviewer) {
        return QuarkusTransaction.requiringNew().call(() -> store.itemsOf(reviewer));
    }

    public CampaignState state(CampaignStore.Campaign c) {
        return c.window().state(c.completedOn(), today());
    }

    /** After a change: completes the campaign when every item is settled, records the version and publishes it. */
    private CampaignStore.Campaign settle(CampaignStore.Campaign campaign, String change, String who, Instant now) {
        boolean completes = campaign.completedOn() == null && ReviewRules.complete(store.items(campaign.campaignId()));
        CampaignStore.Campaign next = completes ? new CampaignStore.Campaign(campaign.campaignId(),
                campaign.controlId(), campaign.openedOn(), campaign.dueOn(), today(), campaign.openedBy(),
                campaign.openedAt(), campaign.version(), campaign.documentSha256(), campaign.supersededBy())
                : campaign;
        return recordVersion(next, completes ? "completed" : change, who, now);
    }

    /**
     * Records the next version: its document in the evidence store, the version row, and the evidence on the topic
     * (and, on completion, the control's review document; earlier campaigns of the control are then superseded).
     */
    private CampaignStore.Campaign recordVersion(CampaignStore.Campaign c, String change, String who, Instant now) {
        int number = "opened".equals(change) || c.documentSha256().equals("pending") ? 1 : c.version() + 1;
        List<CampaignStore.Item> items = store.items(c.campaignId());
        byte[] document = document(c, number, items, store.decisions(c.campaignId()), change, who, now);
        String sha256 = evidenceStore.put(document);
        CampaignStore.Campaign recorded = new CampaignStore.Campaign(c.campaignId(), c.controlId(), c.openedOn(),
                c.dueOn(), c.completedOn(), c.openedBy(), c.openedAt(), number, sha256, c.supersededBy());
        store.recordVersion(recorded, change, who, now);
        String runId = UUID.randomUUID().toString();
        publisher.publish(CampaignEvidence.event(evidence(recorded, items), today(), now, runId, version));
        if ("completed".equals(change)) {
            ReviewScope scope = ReviewScope.of(c.controlId()).orElseThrow();
            ValidUpload asDocument = new ValidUpload(c.controlId(), scope.documentType(), c.completedOn(),
                    "access review campaign " + c.campaignId(), who, c.controlId() + "-access-review-"
                    + c.campaignId() + ".json", "application/json", document.length);
            publisher.publish(ManualDocumentEvidence.event(asDocument, sha256, runId, now, version));
            for (String earlier : store.supersedeEarlier(recorded)) {
                store.campaign(earlier, false).ifPresent(e -> publisher.publish(CampaignEvidence.event(
                        evidence(e, store.items(earlier)), today(), now, runId, version)));
            }
        }
        return recorded;
    }

    private CampaignView view(CampaignStore.Campaign c) {
        return new CampaignView(c, state(c), store.items(c.campaignId()), store.decisions(c.campaignId()));
    }

    private static CampaignEvidence.Campaign evidence(CampaignStore.Campaign c, List<CampaignStore.Item> items) {
        return new CampaignEvidence.Campaign(c.controlId(), c.campaignId(), c.version(), c.openedOn(), c.dueOn(),
                c.completedOn(), c.openedBy(), c.supersededBy(), items.stream().map(ReviewService::itemFacts).toList(),
                c.documentSha256());
    }

    static Map<String, Object> itemFacts(CampaignStore.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("itemId", i.itemId());
        m.put("system", i.system());
        m.put("account", i.account());
        m.put("person", i.person());
        m.put("privilege", i.privilege());
        m.put("resourceKey", i.resourceKey());
        m.put("reviewer", i.reviewer());
        m.put("reviewerBasis", i.reviewerBasis());
        m.put("state", i.state().column());
        m.put("decidedBy", i.decidedBy());
        m.put("decidedAt", i.decidedAt() == null ? null : i.decidedAt().toString());
        m.put("comment", i.comment());
        m.put("confirmedAt", i.confirmedAt() == null ? null : i.confirmedAt().toString());
        return m;
    }

    /** The version as an auditor reads it in a bundle: every item, every decision in order, who and when. */
    private static byte[] document(CampaignStore.Campaign c, int number, List<CampaignStore.Item> items,
                                   List<CampaignStore.DecisionRow> decisions, String change, String who, Instant at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("controlId", c.controlId());
        doc.put("campaignId", c.campaignId());
        doc.put("version", number);
        doc.put("change", change);
        doc.put("recordedBy", who);
        doc.put("recordedAt", at.toString());
        doc.put("openedOn", c.openedOn().toString());
        doc.put("dueOn", c.dueOn().toString());
        doc.put("completedOn", c.completedOn() == null ? null : c.completedOn().toString());
        doc.put("openedBy", c.openedBy());
        doc.put("items", items.stream().map(i -> {
            Map<String, Object> m = itemFacts(i);
            m.put("accessKey", i.accessKey());
            m.put("evidenceId", i.evidenceId());
            return m;
        }).toList());
        List<Map<String, Object>> history = new ArrayList<>();
        for (CampaignStore.DecisionRow d : decisions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("itemId", d.itemId());
            m.put("decision", d.decision());
            m.put("decidedBy", d.decidedBy());
            m.put("decidedAt", d.decidedAt().toString());
            m.put("comment", d.comment());
            history.add(m);
        }
        doc.put("decisions", history);
        return CanonicalJson.write(doc).getBytes(StandardCharsets.UTF_8);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
