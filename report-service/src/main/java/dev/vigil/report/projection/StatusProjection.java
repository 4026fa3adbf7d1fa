package dev.vigil.report.projection;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.MalformedEventException;
import dev.vigil.report.board.ProjectionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads and writes the projected statuses; writes join the caller's transaction. */
@ApplicationScoped
public class StatusProjection {

    private final Catalogue catalogue;
    private final Clock clock;
    /** Observed after commit (live dashboard updates): a rolled-back projection announces nothing. */
    @Inject
    Event<StatusChanged> changes;

    public StatusProjection(Catalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * Stores the event unless a status at least as new is already stored, by status version, or by evaluation time
     * where a version is missing ({@link ProjectionRule}). The row is locked so two consumers of one control cannot
     * interleave their compare-and-update.
     *
     * @throws MalformedEventException for a control the catalogue does not know (it would never be shown)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProjectionRule.Precedence apply(ControlStatusEvent event) {
        if (catalogue.control(event.controlId()).isEmpty()) {
            throw new MalformedEventException("control '" + event.controlId() + "' is not in catalogue version "
                    + catalogue.version());
        }
        ControlStatusRow row = ControlStatusRow.findById(event.controlId(), LockModeType.PESSIMISTIC_WRITE);
        ProjectionRule.Precedence precedence = ProjectionRule.compare(event.version(), event.evaluatedAt(),
                row == null ? null : row.version, row == null ? null : row.evaluatedAt);
        if (!precedence.supersedes()) {
            return precedence;
        }
        if (row == null) {
            ControlStatusRow.from(event, clock.instant()).persist();
        } else {
            row.copy(event, clock.instant());
        }
        changes.fire(new StatusChanged(event.controlId(), event.status(), event.evaluatedAt()));
        return precedence;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, ControlStatusEvent> all() {
        return ControlStatusRow.<ControlStatusRow>streamAll()
                .collect(Collectors.toMap(r -> r.controlId, ControlStatusRow::toEvent));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ControlStatusEvent> find(String controlId) {
        return ControlStatusRow.<ControlStatusRow>findByIdOptional(controlId).map(ControlStatusRow::toEvent);
    }
}
