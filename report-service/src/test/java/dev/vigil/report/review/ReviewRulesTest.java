package dev.vigil.report.review;

import dev.vigil.common.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewRulesTest {
    record Item(int itemId, String accessKey, ItemState state) implements ReviewRules.Item {
    }

    static final LocalDate D = LocalDate.parse("2026-10-01");

    @Test
    void theWindowIsTheControlsPeriod() {
        Catalogue catalogue = Catalogue.loadDefault();
        assertThat(CampaignWindow.days(catalogue.control("CM-01").orElseThrow(), ReviewScope.CM_01)).isEqualTo(92);
        assertThat(CampaignWindow.days(catalogue.control("LS-24").orElseThrow(), ReviewScope.LS_24)).isEqualTo(92);
        assertThat(CampaignWindow.days(catalogue.control("LS-10").orElseThrow(), ReviewScope.LS_10)).isEqualTo(183);
        // LS-14 operates all the time: its admin access list says how long a review holds
        assertThat(CampaignWindow.days(catalogue.control("LS-14").orElseThrow(), ReviewScope.LS_14)).isEqualTo(92);
    }

    @Test
    void aCampaignIsOpenThroughItsLastDayAndOverdueAfter() {
        CampaignWindow window = CampaignWindow.opening(D, 92);
        assertThat(window.dueOn()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(window.state(null, LocalDate.parse("2026-12-31"))).isEqualTo(CampaignState.OPEN);
        assertThat(window.state(null, LocalDate.parse("2027-01-01"))).isEqualTo(CampaignState.OVERDUE);
        assertThat(window.state(LocalDate.parse("2027-01-05"), LocalDate.parse("2027-01-06")))
                .isEqualTo(CampaignState.COMPLETED);
        assertThatThrownBy(() -> CampaignWindow.opening(D, 0)).hasMessageContaining("at least one day");
    }

    @Test
    void aCampaignStartedBeforeKeepsItsDayButNeverOneToCome() {
        assertThat(CampaignWindow.openedOn(null, D)).isEqualTo(D);
        assertThat(CampaignWindow.openedOn(D.minusDays(100), D)).isEqualTo(D.minusDays(100));
        assertThat(CampaignWindow.openedOn(D, D)).isEqualTo(D);
        assertThatThrownBy(() -> CampaignWindow.openedOn(D.plusDays(1), D)).hasMessageContaining("a day to come");
        // opened 100 days ago on a 92-day window: overdue today
        CampaignWindow back = CampaignWindow.opening(CampaignWindow.openedOn(D.minusDays(100), D), 92);
        assertThat(back.dueOn()).isEqualTo(D.minusDays(9));
        assertThat(back.state(null, D)).isEqualTo(CampaignState.OVERDUE);
    }

    @Test
    void keepAndRevokeUntilTheCampaignCompletes() {
        assertThat(ReviewRules.decide(CampaignState.OPEN, ItemState.PENDING, Decision.KEEP)).isEqualTo(ItemState.KEPT);
        assertThat(ReviewRules.decide(CampaignState.OVERDUE, ItemState.KEPT, Decision.REVOKE))
                .isEqualTo(ItemState.REVOKE_REQUESTED);
        assertThatThrownBy(() -> ReviewRules.decide(CampaignState.COMPLETED, ItemState.PENDING, Decision.KEEP))
                .hasMessageContaining("completed");
        assertThatThrownBy(() -> ReviewRules.decide(CampaignState.OPEN, ItemState.REVOKED_CONFIRMED, Decision.KEEP))
                .hasMessageContaining("confirmed it is gone");
    }

    @Test
    void aRevokeIsConfirmedOnlyWhenTheAccessIsGoneAndOnlyThenCompletes() {
        List<Item> items = List.of(new Item(1, "a", ItemState.KEPT), new Item(2, "b", ItemState.REVOKE_REQUESTED),
                new Item(3, "c", ItemState.REVOKE_REQUESTED));
        assertThat(ReviewRules.complete(items)).isFalse();
        assertThat(ReviewRules.confirmedRevokes(items, Set.of("a", "b", "c"))).isEmpty();
        assertThat(ReviewRules.confirmedRevokes(items, Set.of("a", "b"))).containsExactly(3);
        assertThat(ReviewRules.complete(List.of(new Item(1, "a", ItemState.KEPT),
                new Item(2, "b", ItemState.REVOKED_CONFIRMED)))).isTrue();
        assertThat(ReviewRules.complete(List.of(new Item(1, "a", ItemState.PENDING)))).isFalse();
    }

    @Test
    void decisionsAndStatesReadAsTheAuditorWritesThem() {
        assertThat(Decision.parse(" Revoke ")).contains(Decision.REVOKE);
        assertThat(Decision.parse("delete")).isEmpty();
        assertThat(ItemState.REVOKED_CONFIRMED.column()).isEqualTo("revoked-confirmed");
        assertThat(ItemState.ofColumn("revoke-requested")).isEqualTo(ItemState.REVOKE_REQUESTED);
    }

    @Test
    void aDefaultReviewerIsRequired() {
        assertThatThrownBy(() -> new Reviewers(Map.of(), " ")).hasMessageContaining("default-reviewer");
    }
}
