package dev.vigil.report.register;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The three registers and the fields of their items, in the order CSV files carry them. What each field means and
 * which control reads it is in docs/registers.md; the rules that judge the items are the evaluator's
 * ({@code register.*}).
 */
public enum Register {
    VENDOR("vendor", List.of(
            Field.text("name", true),
            Field.oneOf("criticality", true, "critical", "high", "medium", "low"),
            Field.text("dataShared", true),
            Field.oneOf("reportType", false, "soc2-type2", "soc2-type1", "iso27001"),
            Field.date("reportPeriodEnd", false, true),
            Field.date("nextReviewDate", true, false),
            Field.text("owner", true))),
    RISK("risk", List.of(
            Field.text("title", true),
            Field.oneOf("category", true, "security", "fraud", "operational", "availability", "legal", "regulatory",
                    "contractual", "vendor"),
            Field.score("likelihood"),
            Field.score("impact"),
            Field.oneOf("treatment", true, "mitigate", "accept", "transfer", "avoid"),
            Field.text("owner", true),
            Field.date("reviewedOn", false, true))),
    INCIDENT("incident", List.of(
            Field.text("title", true),
            Field.oneOf("severity", true, "critical", "high", "medium", "low"),
            Field.date("openedOn", true, true),
            Field.date("closedOn", false, true),
            Field.text("timeline", false),
            Field.text("rootCause", false),
            Field.text("disclosureEvaluation", false),
            Field.date("reviewedOn", false, true)));

    private final String id;
    private final List<Field> fields;

    Register(String id, List<Field> fields) {
        this.id = id;
        this.fields = fields;
    }

    /** As in URLs, resource types and CSV file names: {@code vendor}, {@code risk}, {@code incident}. */
    public String id() {
        return id;
    }

    public List<Field> fields() {
        return fields;
    }

    public static Optional<Register> byId(String id) {
        return id == null ? Optional.empty()
                : Arrays.stream(values()).filter(r -> r.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }

    public enum Kind { TEXT, ONE_OF, DATE, SCORE }

    /**
     * @param past for a date: it records something done, so it cannot be later than today (a next review date can)
     */
    public record Field(String name, Kind kind, boolean required, Set<String> values, boolean past) {
        static Field text(String name, boolean required) {
            return new Field(name, Kind.TEXT, required, Set.of(), false);
        }

        static Field oneOf(String name, boolean required, String... values) {
            return new Field(name, Kind.ONE_OF, required, Set.of(values), false);
        }

        static Field date(String name, boolean required, boolean past) {
            return new Field(name, Kind.DATE, required, Set.of(), past);
        }

        /** Likelihood and impact, rated 1 (lowest) to 5. */
        static Field score(String name) {
            return new Field(name, Kind.SCORE, true, Set.of(), false);
        }
    }
}
