package dev.vigil.report.dashboard;

import dev.vigil.common.catalogue.Criterion;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.catalogue.SupportingControl;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.report.board.ControlView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreBoardTest {

    static ControlView control(String id, String category, ControlStatus status) {
        return new ControlView(id, "title " + id, category, category + " name", "Security", null, Frequency.ONGOING,
                EvidenceKind.AUTOMATED, status, null, null, 0, null, null);
    }

    private static final List<ControlView> CONTROLS = List.of(
            control("CM-01", "CM", ControlStatus.PASS),
            control("CM-02", "CM", ControlStatus.FAIL),
            control("CM-03", "CM", ControlStatus.NOT_APPLICABLE),
            control("LS-01", "LS", ControlStatus.PASS),
            control("LS-02", "LS", ControlStatus.EXCEPTED),
            control("LS-03", "LS", ControlStatus.NO_EVIDENCE),
            control("TPM-01", "TPM", ControlStatus.NOT_APPLICABLE));

    @Test
    void categoriesInCatalogueOrderCountPassOnlyAndLeaveOutNotApplicable() {
        ScoreBoard board = ScoreBoard.of(CONTROLS, List.of());

        assertThat(board.categories()).containsExactly(
                new Score("CM", "CM name", 1, 2),
                new Score("LS", "LS name", 1, 3),
                new Score("TPM", "TPM name", 0, 0));
        assertThat(board.overall()).isEqualTo(new Score("all", "All controls", 2, 5));
        assertThat(board.overall().share()).isEqualTo(0.4);
        assertThat(board.overall().percent()).isEqualTo("40 %");
        // Nothing counted is unknown, not 0 %.
        assertThat(board.categories().get(2).share()).isNull();
        assertThat(board.categories().get(2).percent()).isEqualTo("—");
    }

    @Test
    void criteriaScoreTheirSupportingControlsAndKeepUnsupportedOnesVisible() {
        List<Criterion> criteria = List.of(
                new Criterion("CC6.1", "CC6", "Logical access", "…", List.of(
                        new SupportingControl("CM-01", "why"), new SupportingControl("LS-01", "why"),
                        new SupportingControl("LS-03", "why"))),
                new Criterion("A1.2", "A1", "Recovery", "…", List.of()));

        ScoreBoard board = ScoreBoard.of(CONTROLS, criteria);

        assertThat(board.criteria()).containsExactly(
                new Score("CC6.1", "Logical access", 2, 3),
                new Score("A1.2", "Recovery", 0, 0));
        assertThat(board.criteria().get(0).percent()).isEqualTo("66 %");
    }

    @Test
    void aScoreCannotPassMoreThanItCounts() {
        assertThatThrownBy(() -> new Score("x", "x", 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
