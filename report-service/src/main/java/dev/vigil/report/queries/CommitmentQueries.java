package dev.vigil.report.queries;

import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import dev.vigil.report.commitments.CommitmentAssessment.ControlState;
import dev.vigil.report.commitments.CommitmentAssessment;
import dev.vigil.report.commitments.CommitmentRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Commitments judged by the same current statuses the control list shows. */
@ApplicationScoped
public class CommitmentQueries {
    private final BoardQueries board;
    private final CommitmentRegistry registry;

    public CommitmentQueries(BoardQueries board, CommitmentRegistry registry) {
        this.board = board;
        this.registry = registry;
    }

    @Transactional
    public List<CommitmentAssessment> commitments() {
        Map<String, ControlState> current = current();
        return registry.commitments().stream().map(c -> CommitmentAssessment.assess(c, current)).toList();
    }

    @Transactional
    public Optional<CommitmentAssessment> commitment(String id) {
        return registry.commitment(id).map(c -> CommitmentAssessment.assess(c, current()));
    }

    public String registryVersion() {
        return registry.version();
    }

    private Map<String, ControlState> current() {
        return board.controls(ControlFilter.ALL).stream().collect(Collectors.toMap(ControlView::id,
                v -> new ControlState(v.title(), v.status().name(), v.evaluatedAt()), (a, b) -> a));
    }
}
