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
import java.util.TreeMap;

/**
 * The controls the collected evidence feeds, as report-service shows them, next to what the evaluator's stored
 * verdicts say they should show. Which controls those are is not listed by hand: it is every catalogue control
 * mapping a rule that gave a verdict on a stored resource (the evaluator's resource_state), so the set follows the
 * collectors and the catalogue, and grows to LS-19 once the evaluator has joined people across sources.
 */
final class StatusBoard {
    private final Catalogue catalogue = Catalogue.loadDefault();

    /**
     * One control as report-service shows it ({@code resourcesInScope} null: no status event arrived yet), and
     * {@code storedFailing}: the failing (resource, rule) pairs the stored verdicts hold for its rules, which a
     * status event that accounts for every stored verdict lists one by one.
     */
    record Control(String id, EvidenceKind evidence, String status, Integer resourcesInScope, int failing,
                   long storedFailing) {
        /** Why it is not scored yet, or null when it is. */
        String unscored() {
            if (resourcesInScope == null) {
                return "no status yet";
            }
            if (evidence == EvidenceKind.AUTOMATED && status.equals("NO_EVIDENCE")) {
                return "NO_EVIDENCE";
            }
            if (failing != storedFailing) {
                return status + " with " + failing + " failing, the stored verdicts fail " + storedFailing;
            }
            return null;
        }
    }

    /**
     * One read. {@code board} is the whole control list without its evaluation times (a control re-evaluated to the
     * same status is unchanged). A control evidenced by documents too reads DOCUMENT_MISSING (its rules have
     * evidence) or FAIL until a document is uploaded; its failing resources still tell whether its status accounts
     * for the evidence.
     */
    record Reading(long nanos, JsonNode board, List<Control> judged) {
        List<String> unscored() {
            List<String> out = new ArrayList<>();
            judged.forEach(c -> {
                if (c.unscored() != null) {
                    out.add(c.id() + " (" + c.unscored() + ")");
                }
            });
            return out;
        }

        boolean scored() {
            return !judged.isEmpty() && unscored().isEmpty();
        }

        boolean sameAs(Reading earlier) {
            return board.equals(earlier.board) && judged.equals(earlier.judged);
        }
    }

    Reading read(Connection db, ReportProcess report) throws SQLException, IOException {
        Map<String, Long> failingByRule = verdicts(db);
        JsonNode board = report.controls();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode c : board) {
            ((ObjectNode) c).remove("evaluatedAt");
            byId.put(c.path("id").asText(), c);
        }
        List<Control> judged = new ArrayList<>();
        for (ControlDefinition d : catalogue.controls()) {
            if (d.rules().stream().noneMatch(r -> failingByRule.containsKey(r.id()))) {
                continue;
            }
            long storedFailing = d.rules().stream().mapToLong(r -> failingByRule.getOrDefault(r.id(), 0L)).sum();
            JsonNode c = byId.get(d.id());
            judged.add(new Control(d.id(), d.evidence(), c == null ? null : c.path("status").asText(null),
                    c == null || !c.path("resourcesInScope").isNumber() ? null : c.path("resourcesInScope").asInt(),
                    c == null ? 0 : c.path("failingResourceCount").asInt(), storedFailing));
        }
        return new Reading(System.nanoTime(), board, judged);
    }

    /** Every rule that judged a resource in scope, with how many it fails (one scan of resource_state). */
    private static Map<String, Long> verdicts(Connection db) throws SQLException {
        Map<String, Long> failing = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT v.key, count(*) FILTER (WHERE v.value->>'outcome' = 'FAIL')
                  FROM evaluator.resource_state r, jsonb_each(r.verdicts) v
                 WHERE r.in_scope GROUP BY v.key""")) {
            while (rs.next()) {
                failing.put(rs.getString(1), rs.getLong(2));
            }
        }
        return failing;
    }
}
