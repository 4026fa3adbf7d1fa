package dev.vigil.stack;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.RuleMapping;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * up.sh waits until no automated control of the demo reads NO_EVIDENCE, except those only the registers evidence
 * (people fill them, no collection does): the list it skips ({@code REGISTER_CONTROLS} in deploy/local/common.sh)
 * is exactly the catalogue's automated controls whose every rule judges register items.
 */
class RegisterControlsListedTest {
    @Test
    void theWaitSkipsExactlyTheControlsOnlyRegistersEvidence() throws Exception {
        String script = Files.readString(Path.of("../local/common.sh"));
        Matcher listed = Pattern.compile("REGISTER_CONTROLS='\"id\":\"\\\\\\((.*)\\\\\\)\"'").matcher(script);
        assertThat(listed.find()).as("REGISTER_CONTROLS in deploy/local/common.sh").isTrue();
        Set<String> skipped = new TreeSet<>(Arrays.asList(listed.group(1).split("\\\\\\|")));

        Set<String> registerOnly = Catalogue.loadDefault().controls().stream()
                .filter(c -> c.evidence() == EvidenceKind.AUTOMATED)
                .filter(c -> !c.rules().isEmpty()
                        && c.rules().stream().map(RuleMapping::id).allMatch(id -> id.startsWith("register.")))
                .map(ControlDefinition::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(skipped).isEqualTo(registerOnly);
    }
}
