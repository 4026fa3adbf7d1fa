package dev.vigil.report.board;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the catalogue with the projected statuses. The catalogue decides which controls exist and
 * in what order; a control nobody has reported on yet is shown as NO_EVIDENCE rather than hidden, so
 * a gap in coverage is visible.
 */
public final class ControlBoard {
    static final String NO_EVENT_REASON = "No status has been reported for this control yet.";

    private final Catalogue catalogue;

    public ControlBoard(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public List<ControlView> controls(Map<String, ControlStatusEvent> statuses, ControlFilter filter) {
        return catalogue.controls().stream()
                .map(c -> view(c, statuses.get(c.id())))
                .filter(filter::matches)
                .toList();
    }

    public Optional<ControlDetail> detail(String id, Optional<ControlStatusEvent> status) {
        return catalogue.control(id).map(c -> detail(c, status.orElse(null)));
    }

    static ControlView view(ControlDefinition c, ControlStatusEvent s) {
        return s == null
                ? new ControlView(c.id(), c.title(), c.category(), c.categoryName(), c.primaryTsc(),
                        c.secondaryTsc(), c.frequency(), c.evidence(), ControlStatus.NO_EVIDENCE, null, null, 0, null, null)
                : new ControlView(c.id(), c.title(), c.category(), c.categoryName(), c.primaryTsc(),
                        c.secondaryTsc(), c.frequency(), c.evidence(), s.status(), s.evaluatedAt(),
                        s.resourcesInScope(), s.failingResourceCount(), s.automated(), s.documents());
    }

    static ControlDetail detail(ControlDefinition c, ControlStatusEvent s) {
        ControlView v = view(c, s);
        return new ControlDetail(v.id(), v.title(), v.category(), v.categoryName(), v.primaryTsc(),
                v.secondaryTsc(), v.frequency(), v.evidence(), v.status(), v.evaluatedAt(), v.resourcesInScope(),
                v.failingResourceCount(), c.rules(),
                s == null ? NO_EVENT_REASON : s.reason(),
                s == null ? List.of() : s.failingResources(), c.description(), c.criteria(), v.automated(),
                v.documents());
    }
}
