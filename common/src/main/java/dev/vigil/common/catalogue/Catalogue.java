package dev.vigil.common.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The control catalogue: which controls exist, what they mean, and which rules evidence them. Loaded
 * from data and validated as a whole, so a typo fails start-up instead of silently dropping a control.
 */
public final class Catalogue {
    public static final String DEFAULT_RESOURCE = "catalogue/controls.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String version;
    private final Map<String, ControlDefinition> controls;

    private Catalogue(String version, Map<String, ControlDefinition> controls) {
        this.version = version;
        this.controls = controls;
    }

    record CatalogueFile(String version, List<ControlDefinition> controls) {
    }

    public static Catalogue loadDefault() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("catalogue resource " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the control catalogue", e);
        }
    }

    public static Catalogue load(InputStream in) throws IOException {
        CatalogueFile file = MAPPER.readValue(in, CatalogueFile.class);
        List<String> problems = new ArrayList<>();
        Map<String, ControlDefinition> byId = new LinkedHashMap<>();
        if (file.version() == null || file.version().isBlank()) {
            problems.add("catalogue has no version");
        }
        for (ControlDefinition c : file.controls() == null ? List.<ControlDefinition>of() : file.controls()) {
            if (c.id() == null || c.id().isBlank()) {
                problems.add("a control has no id");
                continue;
            }
            if (byId.putIfAbsent(c.id(), c) != null) {
                problems.add(c.id() + ": duplicate control id");
            }
            if (c.title() == null || c.primaryTsc() == null || c.frequency() == null || c.evidence() == null) {
                problems.add(c.id() + ": title, primaryTsc, frequency and evidence are required");
            }
            if (c.automated() && c.rules().isEmpty()) {
                problems.add(c.id() + ": evidenced automatically but maps no rule");
            }
            if (!c.automated() && !c.rules().isEmpty()) {
                problems.add(c.id() + ": evidenced manually but maps rules");
            }
            for (RuleMapping r : c.rules()) {
                if (r.justification() == null || r.justification().isBlank()) {
                    problems.add(c.id() + ": rule " + r.id() + " has no justification");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid control catalogue: " + String.join("; ", problems));
        }
        return new Catalogue(file.version(), java.util.Collections.unmodifiableMap(byId));
    }

    public String version() {
        return version;
    }

    /** Controls in catalogue order. */
    public Collection<ControlDefinition> controls() {
        return controls.values();
    }

    public Optional<ControlDefinition> control(String id) {
        return Optional.ofNullable(controls.get(id));
    }

    /** Every rule id some control maps, for checking against the rules that exist. */
    public Set<String> referencedRules() {
        Set<String> ids = new TreeSet<>();
        controls.values().forEach(c -> c.rules().forEach(r -> ids.add(r.id())));
        return ids;
    }
}
