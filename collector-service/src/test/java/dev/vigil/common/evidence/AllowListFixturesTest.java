package dev.vigil.common.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allow-lists' faster ways against the ways they replace, on every recorded provider answer (the collectors'
 * test fixtures) under every allow-list the collectors ship: the same bytes each time, and streaming never declines
 * a real answer. (In common's package to reach both ways; here because the fixtures and allow-lists are here.)
 */
class AllowListFixturesTest {
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

    /**
     * JSON answers are masked and netted in one walk of one tree; before, the masked answer was written, read again
     * and netted (copied here as the reference). Same bytes on every JSON fixture under every allow-list.
     */
    @Test
    void everyJsonFixtureUnderEveryAllowListIsRedactedAsByTheTwoPasses() throws Exception {
        List<AllowList> lists = new ArrayList<>();
        for (Path definition : files(Path.of("src/main/resources"), "allow-lists.json")) {
            lists.addAll(AllowLists.parse(Files.readString(definition)).kinds());
        }
        List<Path> fixtures = files(Path.of("src/test/resources"), ".json");
        assertThat(fixtures).hasSizeGreaterThan(20);
        ObjectMapper mapper = EventCodec.mapper();
        for (Path fixture : fixtures) {
            byte[] body = Files.readAllBytes(fixture);
            for (AllowList list : lists) {
                byte[] twoPasses = list.apply(body)
                        .map(masked -> {
                            try {
                                return mapper.writeValueAsBytes(netted(mapper.readTree(masked)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .orElseGet(() -> Redactor.redactBody(body));
                assertThat(new String(Redactor.redactBody(body, list), StandardCharsets.UTF_8))
                        .as("%s under %s", fixture, list).isEqualTo(new String(twoPasses, StandardCharsets.UTF_8));
            }
        }
        assertThat(Redactor.redactText(AllowList.MASK)).isEqualTo(AllowList.MASK);
    }

    /** The pattern net over a tree's string values, as Redactor ran it over a masked answer. */
    private static JsonNode netted(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> obj.set(n, netted(obj.get(n))));
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, netted(arr.get(i)));
            }
            return arr;
        }
        return node.isTextual() ? TextNode.valueOf(Redactor.redactText(node.asText())) : node;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
