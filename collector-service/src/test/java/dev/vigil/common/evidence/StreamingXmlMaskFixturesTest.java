package dev.vigil.common.evidence;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming XML mask against the DOM way on every recorded provider answer in XML (the collectors' test
 * fixtures) under every allow-list the collectors ship: the same bytes each time, and streaming never declines a
 * real answer. (In common's package to reach both ways; here because the fixtures and allow-lists are here.)
 */
class StreamingXmlMaskFixturesTest {
    @Test
    void everyFixtureUnderEveryAllowListGivesTheDomWaysBytes() throws Exception {
        List<AllowList> lists = new ArrayList<>();
        for (Path definition : files(Path.of("src/main/resources"), "allow-lists.json")) {
            lists.addAll(AllowLists.parse(Files.readString(definition)).kinds());
        }
        List<Path> fixtures = files(Path.of("src/test/resources"), ".xml");
        assertThat(lists).hasSizeGreaterThan(20);
        assertThat(fixtures).hasSizeGreaterThan(50);
        int compared = 0;
        for (Path fixture : fixtures) {
            byte[] body = Files.readAllBytes(fixture);
            boolean declared = new String(body, StandardCharsets.UTF_8).stripLeading().startsWith("<?xml");
            for (AllowList list : lists) {
                byte[] streamed = StreamingXmlMask.mask(body, declared, list);
                assertThat(streamed).as("%s declined by streaming", fixture).isNotNull();
                assertThat(new String(streamed, StandardCharsets.UTF_8)).as("%s under %s", fixture, list)
                        .isEqualTo(new String(list.xmlByDom(body, declared), StandardCharsets.UTF_8));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(fixtures.size() * lists.size());
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
