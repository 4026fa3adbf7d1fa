package dev.vigil.report.review;

import dev.vigil.report.register.RegisterCsv;

import java.util.ArrayList;
import java.util.List;

/** A campaign as CSV for the auditor: one row per reviewed access, with its decision, who took it and when. Pure. */
public final class ReviewCsv {
    static final List<String> HEADER = List.of("campaignId", "controlId", "openedOn", "dueOn", "completedOn", "itemId",
            "system", "account", "person", "privilege", "reviewer", "reviewerBasis", "state", "decidedBy", "decidedAt",
            "comment", "confirmedGoneAt", "resourceKey", "evidenceId");

    private ReviewCsv() {
    }

    public static String write(CampaignStore.Campaign c, List<CampaignStore.Item> items) {
        StringBuilder out = new StringBuilder(RegisterCsv.line(HEADER));
        for (CampaignStore.Item i : items) {
            List<String> cells = new ArrayList<>();
            for (Object v : new Object[]{c.campaignId(), c.controlId(), c.openedOn(), c.dueOn(), c.completedOn(),
                    i.itemId(), i.system(), i.account(), i.person(), i.privilege(), i.reviewer(), i.reviewerBasis(),
                    i.state().column(), i.decidedBy(), i.decidedAt(), i.comment(), i.confirmedAt(), i.resourceKey(),
                    i.evidenceId()}) {
                cells.add(v == null ? "" : v.toString());
            }
            out.append(RegisterCsv.line(cells));
        }
        return out.toString();
    }
}
