package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The controls the collected evidence feeds, as report-service shows them. Which controls those are is not listed
 * by hand: it is every catalogue control mapping a rule that gave a verdict on a stored resource (the evaluator's
 * resource_state), so the set follows the collectors and the catalogue, and grows to LS-19 once the evaluator has
 * joined people across sources.
 */
final class StatusBoard {
    private final Catalogue catalogue = Catalogue.loadDefault();

    /** One control as report-service shows it. */
    record Control(String id, EvidenceKind evidence, String status, Integer resourcesInScope, int failing) {
    }

    /**
     * One read. {@code board} is the whole control list without its evaluation times (a control re-evaluated to the
     * same status is unchanged), {@code unscored} the judged controls without a status yet: none at all, or
     * NO_EVIDENCE on a control evidenced by rules alone (one also evidenced by documents reads NO_EVIDENCE until
     * a document is uploaded, whatever its rules say, so only the unchanged board tells that it settled).
     */
    record Reading(long nanos, JsonNode board, List<Control> judged, List<String> unscored) {
        boolean scored() {
            return !judged.isEmpty() && unscored.isEmpty();
        }

        boolean sameAs(Reading earlier) {
            return board.equals(earlier.board) && judged.equals(earlier.judged);
        }
    }

    Reading read(Connection db, ReportProcess report) throws SQLException, IOException {
        Set<String> rules = rulesWithVerdicts(db);
        JsonNode board = report.controls();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode c : board) {
            ((ObjectNode) c).remove("evaluatedAt");
            byId.put(c.path("id").asText(), c);
        }
        List<Control> judged = new ArrayList<>();
        List<String> unscored = new ArrayList<>();
        for (ControlDefinition d : catalogue.controls()) {
            if (d.rules().stream().noneMatch(r -> rules.contains(r.id()))) {
                continue;
            }
            JsonNode c = byId.get(d.id());
            String status = c == null || c.path("status").isNull() ? null : c.path("status").asText(null);
            judged.add(new Control(d.id(), d.evidence(), status,
                    c == null || !c.path("resourcesInScope").isNumber() ? null : c.path("resourcesInScope").asInt(),
                    c == null ? 0 : c.path("failingResourceCount").asInt()));
            if (status == null || (d.evidence() == EvidenceKind.AUTOMATED && status.equals("NO_EVIDENCE"))) {
                unscored.add(d.id());
            }
        }
        return new Reading(System.nanoTime(), board, judged, unscored);
    }

    /** Rule ids that judged at least one resource in scope. */
    private static Set<String> rulesWithVerdicts(Connection db) throws SQLException {
        Set<String> rules = new TreeSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DISTINCT jsonb_object_keys(verdicts) FROM evaluator.resource_state WHERE in_scope")) {
            while (rs.next()) {
                rules.add(rs.getString(1));
            }
        }
        return rules;
    }
}
