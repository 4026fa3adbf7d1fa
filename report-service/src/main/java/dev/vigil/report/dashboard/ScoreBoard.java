package dev.vigil.report.dashboard;

import dev.vigil.common.catalogue.Criterion;
import dev.vigil.common.catalogue.SupportingControl;
import dev.vigil.report.board.ControlView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Current scores per trust category (in catalogue order) and per Trust Services Criterion (framework order). */
public record ScoreBoard(Score overall, List<Score> categories, List<Score> criteria) {

    public static ScoreBoard of(List<ControlView> controls, Collection<Criterion> criteria) {
        Map<String, String> statusById = new LinkedHashMap<>();
        Map<String, List<ControlView>> byCategory = new LinkedHashMap<>();
        for (ControlView c : controls) {
            statusById.put(c.id(), c.status().name());
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
        }
        List<Score> categories = byCategory.values().stream()
                .map(cs -> score(cs.get(0).category(), cs.get(0).categoryName(),
                        cs.stream().map(c -> c.status().name()).toList()))
                .toList();
        // A criterion no control supports is kept with nothing counted: the gap stays visible.
        List<Score> byCriterion = criteria.stream()
                .map(cr -> score(cr.id(), cr.title(), cr.controls().stream().map(SupportingControl::control)
                        .filter(statusById::containsKey).map(statusById::get).toList()))
                .toList();
        return new ScoreBoard(score("all", "All controls", List.copyOf(statusById.values())), categories, byCriterion);
    }

    static Score score(String key, String name, Collection<String> statuses) {
        int counted = (int) statuses.stream().filter(Scoring::counts).count();
        int passing = (int) statuses.stream().filter(Scoring::passes).count();
        return new Score(key, name, passing, counted);
    }
}
