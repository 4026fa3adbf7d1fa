package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.evaluator.domain.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/controls.md's table of rules says what the code does: one row per built-in rule, with its resource type and
 * the catalogue controls that use it. A rule added, renamed or mapped to another control without the page fails here.
 */
class ControlsDocTest {
    static final Path PAGE = Path.of("..", "docs", "controls.md");
    /** {@code | `rule` | `resource type` (derived) | asserts | CM-11, CM-12 |} */
    static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([a-z0-9._-]+)`[^|]*\\|.*\\| ([A-Z0-9, -]*) \\|$");

    record Row(String resourceType, List<String> usedBy) {
    }

    @Test
    void theRulesTableListsEveryRuleWithItsResourceTypeAndControls() throws Exception {
        Map<String, Row> documented = new TreeMap<>();
        for (String line : Files.readAllLines(PAGE)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Row previous = documented.put(m.group(1), new Row(m.group(2),
                        List.of(m.group(3).trim().split("\\s*,\\s*"))));
                assertThat(previous).as("rule " + m.group(1) + " listed twice in " + PAGE).isNull();
            }
        }

        Catalogue catalogue = Catalogue.loadDefault();
        Map<String, Row> implemented = new TreeMap<>();
        for (Rule rule : AllRules.instances()) {
            TreeSet<String> usedBy = new TreeSet<>();
            for (ControlDefinition c : catalogue.controls()) {
                if (c.rules().stream().anyMatch(r -> r.id().equals(rule.id()))) {
                    usedBy.add(c.id());
                }
            }
            implemented.put(rule.id(), new Row(rule.resourceType(), List.copyOf(usedBy)));
        }

        // every disagreement at once, then the rows as the code has them, ready to paste
        List<String> problems = new ArrayList<>();
        Set<String> wrong = new TreeSet<>();
        implemented.forEach((id, row) -> {
            int before = problems.size();
            Row doc = documented.get(id);
            if (doc == null) {
                problems.add("rule " + id + " is not in the table");
            } else if (!doc.resourceType().equals(row.resourceType())) {
                problems.add("rule " + id + " judges " + row.resourceType() + ", the table says "
                        + doc.resourceType());
            } else if (!new TreeSet<>(doc.usedBy()).equals(new TreeSet<>(row.usedBy()))) {
                problems.add("rule " + id + " is used by " + row.usedBy() + " in the catalogue, the table says "
                        + doc.usedBy());
            }
            if (problems.size() > before) {
                wrong.add(id);
            }
        });
        documented.keySet().stream().filter(id -> !implemented.containsKey(id))
                .forEach(id -> problems.add("the table lists " + id + ", which is no built-in rule"));
        StringBuilder rows = new StringBuilder();
        for (Rule rule : AllRules.instances()) {
            Row row = implemented.get(rule.id());
            if (wrong.contains(rule.id())) {
                rows.append("| `").append(rule.id()).append("` | `").append(row.resourceType()).append("` | ")
                        .append(rule.description()).append(" | ").append(String.join(", ", row.usedBy()))
                        .append(" |\n");
            }
        }
        assertThat(problems).as(PAGE + "'s rules table disagrees with the rules and the catalogue:\n  "
                + String.join("\n  ", problems) + "\nThe rows as the code has them (the third column is the rule's "
                + "description; word it for a reader):\n" + rows).isEmpty();
    }
}
