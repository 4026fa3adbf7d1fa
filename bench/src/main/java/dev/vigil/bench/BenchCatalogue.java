package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.CustomCatalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogue of exactly N controls: the shipped ones, topped up with custom controls through a custom catalogue
 * folder (docs/controls.md), so they are validated like any user's. Each added control copies a shipped automated
 * control (same rules, documents and TSC) under a new id {@code BN-01}, {@code BN-02}, … and supports CC8.1.
 */
final class BenchCatalogue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchCatalogue() {
    }

    static Catalogue withControls(int wanted, Path folder) throws IOException {
        int shipped = Catalogue.loadDefault().controls().size();
        if (wanted <= shipped) {
            return Catalogue.loadDefault();
        }
        List<JsonNode> automated = new ArrayList<>();
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(Catalogue.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + Catalogue.DEFAULT_RESOURCE + " on the classpath");
            }
            JSON.readTree(in).path("controls").forEach(c -> {
                if (!"MANUAL".equals(c.path("evidence").asText())) {
                    automated.add(c);
                }
            });
        }
        ObjectNode controls = JSON.createObjectNode().put("version", "bench");
        ArrayNode list = controls.putArray("controls");
        ObjectNode criteria = JSON.createObjectNode();
        ArrayNode supporting = criteria.putArray("criteria").addObject().put("id", "CC8.1").putArray("controls");
        for (int i = 1; i <= wanted - shipped; i++) {
            String id = String.format("BN-%02d", i);
            ObjectNode copy = automated.get((i - 1) % automated.size()).deepCopy();
            copy.put("id", id).put("title", "Benchmark control " + i + ": " + copy.path("title").asText());
            list.add(copy);
            supporting.addObject().put("control", id).put("justification", "Generated for the bundle benchmark.");
        }
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve("bench.controls.json").toFile(), controls);
        JSON.writeValue(folder.resolve("bench.criteria.json").toFile(), criteria);
        try {
            return Catalogue.loadWith(CustomCatalogue.read(folder));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
