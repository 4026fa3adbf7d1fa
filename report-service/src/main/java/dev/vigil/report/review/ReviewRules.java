package dev.vigil.report.review;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What a decision does to an item, and when a campaign is done. Pure. */
public final class ReviewRules {
    private ReviewRules() {
    }

    /** A decision that cannot be taken, with the reason a reviewer reads. */
    public static class RefusedDecision extends RuntimeException {
        public RefusedDecision(String message) {
            super(message);
        }
    }

    /**
     * The item's state after the decision. A reviewer may change their mind until the campaign completes, except
     * once a revoke is confirmed: the access is gone, keeping it would mean granting it again.
     */
    public static ItemState decide(CampaignState campaign, ItemState item, Decision decision) {
        if (campaign == CampaignState.COMPLETED) {
            throw new RefusedDecision("the campaign is completed: its decisions are final");
        }
        if (item == ItemState.REVOKED_CONFIRMED) {
            throw new RefusedDecision("the access was revoked and a later collection confirmed it is gone");
        }
        return decision == Decision.KEEP ? ItemState.KEPT : ItemState.REVOKE_REQUESTED;
    }

    /** The items whose requested revoke the current collection confirms: their access is no longer shown. */
    public static List<Integer> confirmedRevokes(Collection<? extends Item> items, Set<String> currentAccess) {
        return items.stream().filter(i -> i.state() == ItemState.REVOKE_REQUESTED)
                .filter(i -> !currentAccess.contains(i.accessKey())).map(Item::itemId).toList();
    }

    /** A campaign is complete when every item is settled: kept, or revoked and confirmed gone. */
    public static boolean complete(Collection<? extends Item> items) {
        return items.stream().allMatch(i -> i.state().settled());
    }

    /** What the rules need of an item. */
    public interface Item {
        int itemId();

        String accessKey();

        ItemState state();
    }
}
