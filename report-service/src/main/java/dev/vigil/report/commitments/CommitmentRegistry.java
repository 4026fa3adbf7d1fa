package dev.vigil.report.commitments;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.common.catalogue.Catalogue;

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
import java.util.regex.Pattern;

/**
 * The service commitments, loaded from data and validated against the catalogue as a whole: a commitment that
 * names a control the catalogue lacks stops the service from starting, with every problem listed, rather than
 * showing a promise backed by nothing anyone evaluates.
 */
public final class CommitmentRegistry {
    public static final String DEFAULT_RESOURCE = "commitments/commitments.json";
    static final Set<String> CATEGORIES = Set.of("Security", "Availability", "Confidentiality",
            "Processing Integrity", "Privacy");
    /** Ids appear in URLs (/api/commitments/{id}): lower-case words joined by hyphens. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String version;
    private final Map<String, Commitment> commitments;

    private CommitmentRegistry(String version, Map<String, Commitment> commitments) {
        this.version = version;
        this.commitments = commitments;
    }

    record RegistryFile(String version, List<Commitment> commitments) {
    }

    public static CommitmentRegistry loadDefault(Catalogue catalogue) {
        try (InputStream in = CommitmentRegistry.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("commitments registry " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return load(in, catalogue);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the commitments registry " + DEFAULT_RESOURCE + ": "
                    + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException listing every problem, e.g. a control the catalogue does not define */
    public static CommitmentRegistry load(InputStream json, Catalogue catalogue) throws IOException {
        RegistryFile file = MAPPER.readValue(json, RegistryFile.class);
        List<String> problems = new ArrayList<>();
        if (file.version() == null || file.version().isBlank()) {
            problems.add("registry has no version");
        }
        Map<String, Commitment> byId = new LinkedHashMap<>();
        for (Commitment c : file.commitments() == null ? List.<Commitment>of() : file.commitments()) {
            if (c.id() == null || !ID.matcher(c.id()).matches()) {
                problems.add("commitment id '" + c.id() + "' must be lower-case words joined by hyphens");
                continue;
            }
            if (byId.putIfAbsent(c.id(), c) != null) {
                problems.add(c.id() + ": duplicate commitment id");
            }
            check(c, catalogue, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid commitments registry " + DEFAULT_RESOURCE + " (catalogue "
                    + catalogue.version() + "): " + String.join("; ", problems));
        }
        return new CommitmentRegistry(file.version(), Collections.unmodifiableMap(byId));
    }

    private static void check(Commitment c, Catalogue catalogue, List<String> problems) {
        if (blank(c.statement())) {
            problems.add(c.id() + ": has no statement");
        }
        if (!CATEGORIES.contains(c.category())) {
            problems.add(c.id() + ": category '" + c.category() + "' is not one of " + CATEGORIES);
        }
        if (c.statedIn().isEmpty() || c.statedIn().stream().anyMatch(CommitmentRegistry::blank)) {
            problems.add(c.id() + ": statedIn must name where the commitment is made (trust page, DPA, MSA, SLA...)");
        }
        Set<String> seen = new HashSet<>();
        for (Commitment.Backing b : c.controls()) {
            if (catalogue.control(b.control()).isEmpty()) {
                problems.add(c.id() + ": control '" + b.control() + "' is not in the catalogue");
            } else if (!seen.add(b.control())) {
                problems.add(c.id() + ": control " + b.control() + " is listed twice");
            }
            if (blank(b.justification())) {
                problems.add(c.id() + ": control " + b.control() + " has no justification");
            }
        }
    }

    public String version() {
        return version;
    }

    /** Commitments in registry order. */
    public Collection<Commitment> commitments() {
        return commitments.values();
    }

    public Optional<Commitment> commitment(String id) {
        return Optional.ofNullable(commitments.get(id));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
