package dev.vigil.report.board;

import dev.vigil.common.evidence.ControlStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlFilterTest {

    @Test
    void blankParametersMatchEverything() {
        assertThat(ControlFilter.parse(null, null).isAll()).isTrue();
        assertThat(ControlFilter.parse(" ", "").isAll()).isTrue();
    }

    @Test
    void statusIsReadCaseInsensitively() {
        ControlFilter filter = ControlFilter.parse("not_evaluated", " LS ");

        assertThat(filter.status()).isEqualTo(ControlStatus.NOT_EVALUATED);
        assertThat(filter.category()).isEqualTo("LS");
        assertThat(filter.isAll()).isFalse();
    }

    @Test
    void unknownStatusNamesTheAcceptedValues() {
        assertThatThrownBy(() -> ControlFilter.parse("GREEN", null))
                .isInstanceOf(ControlFilter.InvalidFilterException.class)
                .hasMessageContaining("GREEN")
                .hasMessageContaining("NOT_EVALUATED");
    }
}
