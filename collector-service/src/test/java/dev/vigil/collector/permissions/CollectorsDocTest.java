package dev.vigil.collector.permissions;


import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's pages name every collector the build finds (PermissionManifests scans the classes, as the runner's
 * CDI does): docs/collectors.md's table with each one's resource types, docs/configuration.md a section for each,
 * docs/evidence.md the facts of each resource type, and the README's diagram and docs/sandbox.md's introduction each
 * provider. A collector added without its docs fails here, naming what is missing where.
 */
class CollectorsDocTest {
    static final Path COLLECTORS_PAGE = Path.of("..", "docs", "collectors.md");
    static final Path CONFIGURATION_PAGE = Path.of("..", "docs", "configuration.md");
    static final Path EVIDENCE_PAGE = Path.of("..", "docs", "evidence.md");
    static final Path SANDBOX_PAGE = Path.of("..", "docs", "sandbox.md");
    static final Path README = Path.of("..", "README.md");
    /** {@code | `aws.s3.bucket` | `aws:<account>:s3:<bucket>` | facts |}, under "Resource types and their facts" */
    static final Pattern FACTS_ROW = Pattern.compile("^\\| `([a-z0-9._-]+)` \\| `[^`]+` \\| .+\\|$");
    /** {@code | `aws-s3` | AWS | `aws.s3.bucket`, `aws.s3.account` |} */
    static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| [^|]+ \\| (`[a-z0-9._-]+`(?:, `[a-z0-9._-]+`)*) \\|$");
    /** {@code ### `aws-s3`, `aws-iam`: the AWS account} */
    static final Pattern HEADING_NAME = Pattern.compile("`([a-z0-9-]+)`");

    /** What {@code expected} holds that {@code found} does not: the failure names only what is missing. */
    static Set<String> missing(java.util.Collection<String> expected, java.util.Collection<String> found) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(found);
        return missing;
    }

    @Test
    void collectorsMdListsEveryCollectorWithItsResourceTypes() throws Exception {
        Map<String, List<String>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(COLLECTORS_PAGE)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), List.of(m.group(2).replace("`", "").split(", ")));
            }
        }
        Map<String, List<String>> built = new TreeMap<>();
        PermissionManifests.collectors().forEach(d -> built.put(d.info().name(), d.info().resourceTypes()));

        assertThat(built).as("collectors found in the build").isNotEmpty();
        assertThat(missing(built.keySet(), documented.keySet()))
                .as("collectors of the build missing from the table of " + COLLECTORS_PAGE).isEmpty();
        assertThat(missing(documented.keySet(), built.keySet()))
                .as("collectors in the table of " + COLLECTORS_PAGE + " that the build does not have").isEmpty();
        built.forEach((name, types) -> assertThat(documented.get(name)).as(name + "'s resource types in "
                + COLLECTORS_PAGE).containsExactlyInAnyOrderElementsOf(types));
    }

    @Test
    void configurationMdHasASectionForEveryCollector() throws Exception {
        List<String> named = Files.readAllLines(CONFIGURATION_PAGE).stream().filter(l -> l.startsWith("### "))
                .flatMap(l -> HEADING_NAME.matcher(l).results().map(r -> r.group(1))).toList();
        assertThat(missing(PermissionManifests.collectors().stream().map(d -> d.info().name()).toList(), named))
                .as("collectors of the build named in no section heading of " + CONFIGURATION_PAGE).isEmpty();
    }

    @Test
    void evidenceMdDescribesTheFactsOfEveryResourceTypeCollected() throws Exception {
        List<String> lines = Files.readAllLines(EVIDENCE_PAGE);
        int table = lines.indexOf("### Resource types and their facts");
        assertThat(table).as("the section \"Resource types and their facts\" in " + EVIDENCE_PAGE).isNotNegative();
        Set<String> documented = new TreeSet<>();
        for (String line : lines.subList(table + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher m = FACTS_ROW.matcher(line);
            if (m.matches()) {
                documented.add(m.group(1));
            }
        }
        Set<String> collected = new TreeSet<>();
        PermissionManifests.collectors().forEach(d -> collected.addAll(d.info().resourceTypes()));
        assertThat(collected).as("resource types collected").isNotEmpty();
        assertThat(missing(collected, documented))
                .as("resource types collected but without a row of facts in " + EVIDENCE_PAGE).isEmpty();
    }

    @Test
    void theReadmeDiagramAndTheSandboxIntroductionNameEveryProvider() throws Exception {
        // the README's diagram: the first fenced block after "## How it works"
        String readme = Files.readString(README);
        int section = readme.indexOf("## How it works");
        assertThat(section).as("\"## How it works\" in " + README).isNotNegative();
        int open = readme.indexOf("```", section);
        String diagram = readme.substring(open, readme.indexOf("```", open + 3)).toLowerCase(Locale.ROOT);
        // docs/sandbox.md's introduction: the text before its first "##" section
        String sandbox = Files.readString(SANDBOX_PAGE);
        String introduction = sandbox.substring(0, sandbox.indexOf("\n## ")).toLowerCase(Locale.ROOT);

        Set<String> providers = new TreeSet<>();
        PermissionManifests.collectors().forEach(d -> providers.add(d.info().provider()));
        assertThat(providers).as("providers of the collectors found in the build").isNotEmpty();
        assertThat(providers.stream().filter(p -> !diagram.contains(p)).toList())
                .as("providers missing from the diagram under \"## How it works\" in " + README).isEmpty();
        assertThat(providers.stream().filter(p -> !introduction.contains(p)).toList())
                .as("providers missing from the introduction of " + SANDBOX_PAGE).isEmpty();
    }
}
