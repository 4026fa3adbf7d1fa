package dev.vigil.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The chart rendered as {@code helm template vigil deploy/helm/vigil [-f values]} would, in process and offline. */
final class RenderedChart {

    static final String RELEASE = "vigil";
    static final Path ROOT = Path.of(System.getProperty("vigil.root", "../.."));
    static final Path CHART = ROOT.resolve("deploy/helm/vigil");
    static final Path STRIMZI_CLOUDNATIVEPG = ROOT.resolve("deploy/helm/values-strimzi-cloudnativepg.yaml");

    private static final ObjectMapper YAML = new YAMLMapper();

    final String text;
    final List<ObjectNode> objects;

    private RenderedChart(String text, List<ObjectNode> objects) {
        this.text = text;
        this.objects = objects;
    }

    /** Renders with the chart's own values, then each values file in turn (later ones win, as with -f). */
    static RenderedChart render(Path... valuesFiles) {
        var template = new Helm(CHART).template().withName(RELEASE).withNamespace("vigil");
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return parse(template.call());
    }

    /** Renders with values given inline (a YAML document), on top of the chart's own. */
    static RenderedChart renderWith(String valuesYaml) {
        try {
            Path file = Files.createTempFile("vigil-values", ".yaml");
            try {
                Files.writeString(file, valuesYaml);
                return render(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RenderedChart parse(String text) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue; // an empty document between two ---
                }
                if (!(document instanceof ObjectNode object)) {
                    throw new AssertionError("a rendered document is not an object: " + document);
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new AssertionError("the rendered chart is not YAML: " + e.getMessage() + "\n" + text, e);
        }
        return new RenderedChart(text, objects);
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    ObjectNode named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in\n" + text));
    }

    static String key(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
