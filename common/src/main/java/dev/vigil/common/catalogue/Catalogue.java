package dev.vigil.common.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.common.catalogue.CatalogueFiles.ControlEntry;
import dev.vigil.common.catalogue.CatalogueFiles.ControlsFile;
import dev.vigil.common.catalogue.CatalogueFiles.CriteriaFile;
import dev.vigil.common.catalogue.CatalogueFiles.CriterionEntry;
import dev.vigil.common.catalogue.CatalogueFiles.DocumentEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The control catalogue: which controls exist, what they mean, which rules and documents evidence them, and
 * which Trust Services Criteria they support. Loaded from data and validated as a whole, so a typo fails
 * start-up with every problem listed instead of silently dropping a control or a mapping.
 *
 * <p>Two files: {@code catalogue/controls.json} (the controls) and {@code catalogue/criteria.json} (the
 * criteria, each with the controls that support it). The mapping lives apart from the controls, as an auditor
 * reads it: per criterion. The loader joins it onto the controls.
 */
public final class Catalogue {
    public static final String DEFAULT_RESOURCE = "catalogue/controls.json";
    public static final String DEFAULT_CRITERIA_RESOURCE = "catalogue/criteria.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** A document type becomes part of a resource key ({@code manual:<control>:<type>:<sha256>}): no colons. */
    private static final Pattern DOCUMENT_TYPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CRITERION_ID = Pattern.compile("(CC[1-9]|A1|C1|PI1|P[1-8])\\.[1-9][0-9]?");

    private final String version;
    private final Map<String, ControlDefinition> controls;
    private final Map<String, Criterion> criteria;

    private Catalogue(String version, Map<String, ControlDefinition> controls, Map<String, Criterion> criteria) {
        this.version = version;
        this.controls = controls;
        this.criteria = criteria;
    }

    /** The shipped catalogue, complete: every control described, mapped to criteria, and documented. */
    public static Catalogue loadDefault() {
        return loadWith(CustomCatalogue.empty());
    }

    /**
     * The shipped catalogue with a user's own controls, criteria mappings and rule mappings merged in before
     * validation, so custom controls meet the same bar (description, criteria, documents or rules).
     */
    public static Catalogue loadWith(CustomCatalogue custom) {
        try (InputStream controls = resource(DEFAULT_RESOURCE);
             InputStream criteria = resource(DEFAULT_CRITERIA_RESOURCE)) {
            Catalogue merged = load(custom.mergeControls(MAPPER.readValue(controls, ControlsFile.class)),
                    custom.mergeCriteria(MAPPER.readValue(criteria, CriteriaFile.class)));
            return merged.withRuleMappings(custom.ruleMappings());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the control catalogue: " + e.getMessage(), e);
        }
    }

    /**
     * A complete catalogue: controls and their criteria mapping. Besides the structure, it requires what an
     * auditor relies on: every control has a description and supports at least one criterion, and every control
     * evidenced by documents names at least one document type.
     */
    public static Catalogue load(InputStream controlsJson, InputStream criteriaJson) throws IOException {
        return load(MAPPER.readValue(controlsJson, ControlsFile.class),
                MAPPER.readValue(criteriaJson, CriteriaFile.class));
    }

    /**
     * Controls alone, without a criteria mapping, for tests and tools that need only the controls. The structure
     * is validated as in {@link #load(InputStream, InputStream)}; descriptions, criteria and documents may be
     * missing.
     */
    public static Catalogue load(InputStream controlsJson) throws IOException {
        return load(MAPPER.readValue(controlsJson, ControlsFile.class), null);
    }

    private static Catalogue load(ControlsFile file, CriteriaFile criteriaFile) {
        boolean complete = criteriaFile != null;
        List<String> problems = new ArrayList<>();
        if (file.version() == null || file.version().isBlank()) {
            problems.add("catalogue has no version");
        }
        Map<String, ControlDefinition> byId = new LinkedHashMap<>();
        for (ControlEntry c : file.controls() == null ? List.<ControlEntry>of() : file.controls()) {
            if (c.id() == null || c.id().isBlank()) {
                problems.add("a control has no id");
                continue;
            }
            if (byId.containsKey(c.id())) {
                problems.add(c.id() + ": duplicate control id");
                continue;
            }
            byId.put(c.id(), control(c, complete, problems));
        }
        Map<String, Criterion> criteria = new LinkedHashMap<>();
        if (complete) {
            criteria = criteria(criteriaFile, byId.keySet(), problems);
            joinCriteria(byId, criteria.values(), problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid control catalogue: " + String.join("; ", problems));
        }
        return new Catalogue(file.version(), Collections.unmodifiableMap(byId), Collections.unmodifiableMap(criteria));
    }

    private static ControlDefinition control(ControlEntry c, boolean complete, List<String> problems) {
        String id = c.id();
        if (c.title() == null || c.primaryTsc() == null || c.frequency() == null || c.evidence() == null) {
            problems.add(id + ": title, primaryTsc, frequency and evidence are required");
        }
        if (complete && blank(c.description())) {
            problems.add(id + ": has no description");
        }
        List<RuleMapping> rules = c.rules() == null ? List.of() : c.rules();
        boolean automated = c.evidence() != EvidenceKind.MANUAL;
        if (c.evidence() != null && automated && rules.isEmpty()) {
            problems.add(id + ": evidenced automatically but maps no rule");
        }
        if (!automated && !rules.isEmpty()) {
            problems.add(id + ": evidenced manually but maps rules");
        }
        for (RuleMapping r : rules) {
            if (blank(r.justification())) {
                problems.add(id + ": rule " + r.id() + " has no justification");
            }
        }
        List<DocumentRequirement> documents = documents(c, problems);
        if (c.evidence() == EvidenceKind.AUTOMATED && !documents.isEmpty()) {
            problems.add(id + ": evidenced automatically but lists documents");
        }
        if (complete && c.evidence() != null && c.evidence() != EvidenceKind.AUTOMATED && documents.isEmpty()) {
            problems.add(id + ": evidenced by documents (" + c.evidence() + ") but lists no document type");
        }
        List<String> evidenceRequired = c.evidenceRequired() == null ? List.of() : c.evidenceRequired();
        if (evidenceRequired.stream().anyMatch(Catalogue::blank)) {
            problems.add(id + ": evidenceRequired has a blank entry");
        }
        return new ControlDefinition(id, c.title(), c.category(), c.categoryName(), c.primaryTsc(), c.secondaryTsc(),
                c.frequency(), c.evidence(), rules, c.description(), List.of(), documents, evidenceRequired,
                c.testingProcedure());
    }

    private static List<DocumentRequirement> documents(ControlEntry c, List<String> problems) {
        List<DocumentRequirement> documents = new ArrayList<>();
        Set<String> types = new HashSet<>();
        for (DocumentEntry d : c.documents() == null ? List.<DocumentEntry>of() : c.documents()) {
            String where = c.id() + ": document '" + d.type() + "'";
            if (d.type() == null || !DOCUMENT_TYPE.matcher(d.type()).matches()) {
                problems.add(where + ": type must be lower-case words joined by hyphens, like access-review");
            } else if (!types.add(d.type())) {
                problems.add(where + ": listed twice");
            }
            if (blank(d.description())) {
                problems.add(where + ": has no description");
            }
            documents.add(new DocumentRequirement(d.type(), maxAgeDays(d.maxAgeDays(), c.frequency(), where, problems),
                    d.description()));
        }
        return documents;
    }

    /**
     * Left out: the control's own period. {@code null}: never expires. A control that operates ONGOING has no
     * period a document could inherit (one day would make every policy stale the next morning), so its documents
     * must say.
     */
    private static Integer maxAgeDays(JsonNode value, Frequency frequency, String where, List<String> problems) {
        if (value == null) {
            if (frequency == Frequency.ONGOING) {
                problems.add(where + ": needs maxAgeDays (a number of days, or null for never): an ONGOING control"
                        + " has no period to derive it from");
                return null;
            }
            return frequency == null ? null : frequency.maxAgeDays();
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
            problems.add(where + ": maxAgeDays must be a whole number of days of at least 1, or null for a document"
                    + " that never expires, was " + value);
            return null;
        }
        return value.intValue();
    }

    private static Map<String, Criterion> criteria(CriteriaFile file, Set<String> controlIds, List<String> problems) {
        Map<String, Criterion> byId = new LinkedHashMap<>();
        for (CriterionEntry c : file.criteria() == null ? List.<CriterionEntry>of() : file.criteria()) {
            String where = "criterion " + c.id();
            if (c.id() == null || !CRITERION_ID.matcher(c.id()).matches()) {
                problems.add(where + ": not a Trust Services Criteria id (CC1.1 … CC9.2, A1.x, C1.x, PI1.x, P1.x … P8.x)");
                continue;
            }
            if (byId.containsKey(c.id())) {
                problems.add(where + ": listed twice");
                continue;
            }
            if (c.series() == null || !c.id().startsWith(c.series() + ".")) {
                problems.add(where + ": series must be '" + c.id().substring(0, c.id().indexOf('.'))
                        + "', was '" + c.series() + "'");
            }
            if (blank(c.title()) || blank(c.description())) {
                problems.add(where + ": title and description are required");
            }
            Set<String> seen = new HashSet<>();
            for (SupportingControl s : c.controls() == null ? List.<SupportingControl>of() : c.controls()) {
                if (!controlIds.contains(s.control())) {
                    problems.add(where + ": unknown control '" + s.control() + "'");
                } else if (!seen.add(s.control())) {
                    problems.add(where + ": control " + s.control() + " listed twice");
                }
                if (blank(s.justification())) {
                    problems.add(where + ": control " + s.control() + " has no justification");
                }
            }
            byId.put(c.id(), new Criterion(c.id(), c.series(), c.title(), c.description(), c.controls()));
        }
        return byId;
    }

    /** Gives each control the criteria it supports, in criteria.json order; a control supporting none is an error. */
    private static void joinCriteria(Map<String, ControlDefinition> controls, Collection<Criterion> criteria,
                                     List<String> problems) {
        Map<String, List<CriterionMapping>> perControl = new LinkedHashMap<>();
        for (Criterion criterion : criteria) {
            for (SupportingControl s : criterion.controls()) {
                perControl.computeIfAbsent(s.control(), k -> new ArrayList<>())
                        .add(new CriterionMapping(criterion.id(), s.justification()));
            }
        }
        controls.replaceAll((id, control) -> {
            List<CriterionMapping> mapped = perControl.getOrDefault(id, List.of());
            if (mapped.isEmpty()) {
                problems.add(id + ": supports no Trust Services Criterion (map it in criteria.json)");
            }
            return control.withCriteria(mapped);
        });
    }

    private static InputStream resource(String name) {
        InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("catalogue resource " + name + " is not on the classpath");
        }
        return in;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The catalogue with more rules mapped to its controls: user-defined rules that evidence existing controls.
     * A manual control that gains a rule becomes evidenced both ways. Unknown control ids are an error.
     */
    public Catalogue withRuleMappings(Map<String, List<RuleMapping>> extraByControl) {
        List<String> unknown = extraByControl.keySet().stream().filter(id -> !controls.containsKey(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("rules are mapped to controls that are not in the catalogue: " + unknown);
        }
        Map<String, ControlDefinition> merged = new LinkedHashMap<>();
        controls.forEach((id, c) -> {
            List<RuleMapping> extra = extraByControl.getOrDefault(id, List.of());
            merged.put(id, extra.isEmpty() ? c : c.withMoreRules(extra));
        });
        return new Catalogue(version, Collections.unmodifiableMap(merged), criteria);
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

    /** Trust Services Criteria in criteria.json order, each with its supporting controls; empty without a mapping. */
    public Collection<Criterion> criteria() {
        return criteria.values();
    }

    public Optional<Criterion> criterion(String id) {
        return Optional.ofNullable(criteria.get(id));
    }

    /** Every rule id some control maps, for checking against the rules that exist. */
    public Set<String> referencedRules() {
        Set<String> ids = new TreeSet<>();
        controls.values().forEach(c -> c.rules().forEach(r -> ids.add(r.id())));
        return ids;
    }
}
