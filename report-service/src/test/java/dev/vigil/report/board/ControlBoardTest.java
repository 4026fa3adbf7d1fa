package dev.vigil.report.board;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.ControlStatusEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.vigil.report.board.TestData.T0;
import static dev.vigil.report.board.TestData.fail;
import static dev.vigil.report.board.TestData.failing;
import static dev.vigil.report.board.TestData.pass;
import static org.assertj.core.api.Assertions.assertThat;

class ControlBoardTest {
    private final ControlBoard board = new ControlBoard(TestData.catalogue());

    @Test
    void listsEveryControlInCatalogueOrderEvenWithoutStatuses() {
        List<ControlView> controls = board.controls(Map.of(), ControlFilter.ALL);

        assertThat(controls).extracting(ControlView::id).containsExactly("LS-02", "CM-01", "LS-05");
        assertThat(controls).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ControlStatus.NO_EVIDENCE);
            assertThat(c.evaluatedAt()).isNull();
            assertThat(c.resourcesInScope()).isNull();
            assertThat(c.failingResourceCount()).isZero();
        });
    }

    @Test
    void mergesProjectedStatusIntoCatalogueFields() {
        Map<String, ControlStatusEvent> statuses = Map.of("LS-05", fail("LS-05", failing("a"), failing("b")));

        ControlView ls05 = board.controls(statuses, ControlFilter.ALL).get(2);

        assertThat(ls05.title()).isEqualTo("Alerting");
        assertThat(ls05.categoryName()).isEqualTo("Logging");
        assertThat(ls05.primaryTsc()).isEqualTo("Availability");
        assertThat(ls05.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(ls05.evaluatedAt()).isEqualTo(T0);
        assertThat(ls05.resourcesInScope()).isEqualTo(3);
        assertThat(ls05.failingResourceCount()).isEqualTo(2);
    }

    @Test
    void aMixedControlShowsItsAutomatedAndDocumentPartsInTheListAndTheDetail() {
        AutomatedPart rules = new AutomatedPart(ControlStatus.PASS, 3, 0);
        DocumentPart documents = new DocumentPart(ControlStatus.NO_EVIDENCE, List.of(), List.of("alerting-runbook"),
                List.of(), "no document uploaded for: alerting-runbook");
        ControlStatusEvent missing = new ControlStatusEvent("LS-05", ControlStatus.DOCUMENT_MISSING, T0, 4, List.of(),
                "rules pass on 3 resource(s) in scope; no document uploaded for: alerting-runbook")
                .withParts(rules, documents);

        ControlView ls05 = board.controls(Map.of("LS-05", missing), ControlFilter.parse("DOCUMENT_MISSING", null)).get(0);
        assertThat(ls05.status()).isEqualTo(ControlStatus.DOCUMENT_MISSING);
        assertThat(ls05.automated()).isEqualTo(rules);
        assertThat(ls05.documents()).isEqualTo(documents);
        ControlDetail detail = board.detail("LS-05", Optional.of(missing)).orElseThrow();
        assertThat(detail.automated()).isEqualTo(rules);
        assertThat(detail.documents().missing()).containsExactly("alerting-runbook");
        // a status published before parts existed, or a control never reported on, has none
        assertThat(board.controls(Map.of("LS-05", fail("LS-05")), ControlFilter.ALL).get(2).automated()).isNull();
        assertThat(board.detail("LS-05", Optional.empty()).orElseThrow().documents()).isNull();
    }

    @Test
    void ignoresStatusesOfControlsOutsideTheCatalogue() {
        List<ControlView> controls = board.controls(Map.of("XX-99", pass("XX-99")), ControlFilter.ALL);

        assertThat(controls).extracting(ControlView::id).doesNotContain("XX-99").hasSize(3);
    }

    @Test
    void filtersByStatusAndCategory() {
        Map<String, ControlStatusEvent> statuses = Map.of("LS-02", pass("LS-02"), "LS-05", fail("LS-05"));

        assertThat(board.controls(statuses, ControlFilter.parse("FAIL", null)))
                .extracting(ControlView::id).containsExactly("LS-05");
        assertThat(board.controls(statuses, ControlFilter.parse(null, "ls")))
                .extracting(ControlView::id).containsExactly("LS-02", "LS-05");
        assertThat(board.controls(statuses, ControlFilter.parse("no_evidence", "CM")))
                .extracting(ControlView::id).containsExactly("CM-01");
        assertThat(board.controls(statuses, ControlFilter.parse("PASS", "CM"))).isEmpty();
    }

    @Test
    void detailCarriesRulesReasonAndFailingResources() {
        ControlDetail detail = board.detail("LS-02", Optional.of(fail("LS-02", failing("trail-1")))).orElseThrow();

        assertThat(detail.rules()).singleElement()
                .satisfies(r -> assertThat(r.justification()).isEqualTo("Trails record API activity."));
        assertThat(detail.failingResources()).singleElement()
                .satisfies(fr -> assertThat(fr.provenance().operation()).isEqualTo("cloudtrail:DescribeTrails"));
        assertThat(detail.failingResourceCount()).isEqualTo(1);
    }

    @Test
    void aStatusListingOnlyTheFirstFailingResourcesIsCountedByItsTotal() {
        ControlStatusEvent cut = new ControlStatusEvent("LS-05", ControlStatus.FAIL, T0, 5_000, 3_440,
                List.of(failing("a"), failing("b")), null);

        assertThat(board.controls(Map.of("LS-05", cut), ControlFilter.ALL)).filteredOn(c -> c.id().equals("LS-05"))
                .singleElement().extracting(ControlView::failingResourceCount).isEqualTo(3_440);
        ControlDetail detail = board.detail("LS-05", Optional.of(cut)).orElseThrow();
        assertThat(detail.failingResourceCount()).isEqualTo(3_440);
        assertThat(detail.failingResources()).hasSize(2);
    }

    @Test
    void detailWithoutStatusExplainsTheMissingEvidence() {
        ControlDetail detail = board.detail("CM-01", Optional.empty()).orElseThrow();

        assertThat(detail.status()).isEqualTo(ControlStatus.NO_EVIDENCE);
        assertThat(detail.reason()).isEqualTo(ControlBoard.NO_EVENT_REASON);
        assertThat(detail.failingResources()).isEmpty();
    }

    @Test
    void unknownControlHasNoDetail() {
        assertThat(board.detail("XX-99", Optional.empty())).isEmpty();
    }

    @Test
    void defaultCatalogueListsAllItsControls() {
        Catalogue catalogue = Catalogue.loadDefault();

        List<ControlView> controls = new ControlBoard(catalogue).controls(Map.of(), ControlFilter.ALL);

        assertThat(controls).hasSize(catalogue.controls().size()).hasSize(58);
    }
}
