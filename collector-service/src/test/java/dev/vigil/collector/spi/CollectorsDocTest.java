package dev.vigil.collector.spi;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's pages name every collector the build finds (PermissionManifests scans the classes, as the runner's
 * CDI does): docs/collectors.md's table with each one's resource types, docs/configuration.md a section for each.
 * A collector added without its docs fails here.
 */
class CollectorsDocTest {
    static final Path COLLECTORS_PAGE = Path.of("..", "docs", "collectors.md");
    static final Path CONFIGURATION_PAGE = Path.of("..", "docs", "configuration.md");
    /** {@code | `aws-s3` | AWS | `aws.s3.bucket`, `aws.s3.account` |} */
    static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| [^|]+ \\| (`[a-z0-9._-]+`(?:, `[a-z0-9._-]+`)*) \\|$");
    /** {@code ### `aws-s3`, `aws-iam`: the AWS account} */
    static final Pattern HEADING_NAME = Pattern.compile("`([a-z0-9-]+)`");

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
        assertThat(documented.keySet()).as("collectors in the table of " + COLLECTORS_PAGE)
                .containsExactlyElementsOf(built.keySet());
        built.forEach((name, types) -> assertThat(documented.get(name)).as(name + "'s resource types in "
                + COLLECTORS_PAGE).containsExactlyInAnyOrderElementsOf(types));
    }

    @Test
    void configurationMdHasASectionForEveryCollector() throws Exception {
        List<String> named = Files.readAllLines(CONFIGURATION_PAGE).stream().filter(l -> l.startsWith("### "))
                .flatMap(l -> HEADING_NAME.matcher(l).results().map(r -> r.group(1))).toList();
        assertThat(named).as("collectors named in the section headings of " + CONFIGURATION_PAGE)
                .containsAll(PermissionManifests.collectors().stream().map(d -> d.info().name()).toList());
    }
}
