package dev.vigil.report.api;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.report.api.CriteriaResource.CriterionView;
import dev.vigil.report.api.CriteriaResource.SupportingControlView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CriteriaResourceTest {
    private static final Catalogue CATALOGUE = Catalogue.loadDefault();

    @Test
    void eachCriterionListsItsControlsWithTheirStatus() {
        List<CriterionView> views = CriteriaResource.views(CATALOGUE.criteria(), CATALOGUE,
                Map.of("CM-11", ControlStatus.FAIL, "CM-12", ControlStatus.PASS));

        assertThat(views).hasSize(61);
        assertThat(views.get(0).id()).isEqualTo("CC1.1");
        CriterionView cc81 = views.stream().filter(v -> v.id().equals("CC8.1")).findFirst().orElseThrow();
        assertThat(cc81.series()).isEqualTo("CC8");
        assertThat(cc81.description()).isNotBlank();
        SupportingControlView cm11 = cc81.controls().stream().filter(c -> c.id().equals("CM-11")).findFirst()
                .orElseThrow();
        assertThat(cm11.title()).isEqualTo("Restrict promotion to production to those without code edit rights");
        assertThat(cm11.status()).isEqualTo(ControlStatus.FAIL);
        assertThat(cm11.justification()).isNotBlank();
        assertThat(cc81.controls()).filteredOn(c -> c.id().equals("CM-01"))
                .extracting(SupportingControlView::status).containsExactly(ControlStatus.NO_EVIDENCE);
    }
}
