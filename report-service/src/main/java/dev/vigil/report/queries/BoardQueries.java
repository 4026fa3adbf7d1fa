package dev.vigil.report.queries;

import dev.vigil.report.board.ControlBoard;
import dev.vigil.report.board.ControlDetail;
import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.board.ControlView;
import dev.vigil.report.board.StatusSummary;
import dev.vigil.report.projection.StatusProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** What the API and the dashboard read: projected statuses merged with the catalogue. */
@ApplicationScoped
public class BoardQueries {
    private final StatusProjection projection;
    private final ControlBoard board;

    public BoardQueries(StatusProjection projection, ControlBoard board) {
        this.projection = projection;
        this.board = board;
    }

    @Transactional
    public List<ControlView> controls(ControlFilter filter) {
        return board.controls(projection.all(), filter);
    }

    /** Counts over every control, whatever filter the list is showing. */
    @Transactional
    public Overview overview(ControlFilter filter) {
        List<ControlView> all = board.controls(projection.all(), ControlFilter.ALL);
        return new Overview(StatusSummary.of(all), all.stream().filter(filter::matches).toList());
    }

    @Transactional
    public Optional<ControlDetail> control(String id) {
        return board.detail(id, projection.find(id));
    }

    public record Overview(StatusSummary summary, List<ControlView> controls) {
    }
}
