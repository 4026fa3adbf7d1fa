package dev.vigil.report.policy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what people send before anything is recorded, naming every problem at once: a policy (title, owner, the
 * controls it backs, which must be controls a policy can back), a version (its text or an uploaded document, and
 * the day it takes effect), an acknowledgement (who, and when: never in the future).
 */
public final class PolicyValidator {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final int MAX_NAME = 200;
    static final int MAX_PERSON = 320;
    /** A policy is a text someone reads, not an archive: larger documents are uploaded and cited by sha256. */
    static final int MAX_TEXT = 1_000_000;
    /** The furthest time zone is UTC+14: a day that has begun there is not in the future. */
    static final Duration TODAY_ANYWHERE = Duration.ofHours(14);

    private final Clock clock;

    public PolicyValidator(Clock clock) {
        this.clock = clock;
    }

    /** A policy's own record, as it will be stored. */
    public record ValidPolicy(String policyId, String title, String owner, List<String> controls) {
    }

    /** A version to record: its text (to store) or the sha256 of a document already in the evidence store. */
    public record ValidVersion(String text, String documentSha256, LocalDate effectiveDate) {
    }

    /**
     * @param body      {@code title}, {@code owner}, {@code controls} (a JSON list, or ids separated by commas)
     * @param backable  the controls a policy can back (those the catalogue judges with a policy rule)
     */
    public ValidPolicy policy(String policyId, Map<String, Object> body, Set<String> backable) {
        List<String> problems = new ArrayList<>();
        checkId(policyId, problems);
        if (body == null) {
            throw new InvalidPolicyException(List.of("the body must be a JSON object with title, owner and controls"));
        }
        String title = text(body.get("title"), "title", MAX_NAME, problems);
        String owner = text(body.get("owner"), "owner", MAX_NAME, problems);
        List<String> controls = controls(body.get("controls"), backable, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return new ValidPolicy(policyId, title, owner, controls);
    }

    /** @param body {@code text} or {@code documentSha256} (one of them), and {@code effectiveDate} */
    public ValidVersion version(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidPolicyException(List.of("the body must be a JSON object with text (or documentSha256)"
                    + " and effectiveDate"));
        }
        List<String> problems = new ArrayList<>();
        String text = body.get("text") == null ? null : body.get("text").toString();
        String sha = body.get("documentSha256") == null ? null : body.get("documentSha256").toString().strip();
        if ((text == null || text.isBlank()) == (sha == null || sha.isEmpty())) {
            problems.add("give either text (the policy itself) or documentSha256 (a document already uploaded),"
                    + " not both and not neither");
        } else if (text != null && text.length() > MAX_TEXT) {
            problems.add("text is " + text.length() + " characters, at most " + MAX_TEXT
                    + "; upload the document and give its documentSha256");
        } else if (sha != null && !SHA256.matcher(sha).matches()) {
            problems.add("documentSha256 must be 64 lower-case hexadecimal digits");
        }
        LocalDate effective = null;
        Object date = body.get("effectiveDate");
        if (date == null || date.toString().isBlank()) {
            problems.add("effectiveDate is required (YYYY-MM-DD): the day people are to follow this version");
        } else {
            try {
                effective = LocalDate.parse(date.toString().strip());
            } catch (DateTimeException e) {
                problems.add("effectiveDate '" + date + "' is not a date (YYYY-MM-DD)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return new ValidVersion(text == null || text.isBlank() ? null : text, sha == null || sha.isEmpty() ? null : sha,
                effective);
    }

    /** A person as the identity providers list them: their address, compared without regard to case. */
    public static String person(String value, String where, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(where + "person is required: the address the identity providers list");
            return null;
        }
        String person = value.strip().toLowerCase(Locale.ROOT);
        if (person.length() > MAX_PERSON || person.chars().anyMatch(Character::isWhitespace)) {
            problems.add(where + "person '" + value + "' is not an address");
            return null;
        }
        return person;
    }

    /**
     * When someone acknowledged: a day (taken as its start, UTC) or an instant; never in the future (today anywhere
     * on earth is allowed), which would acknowledge ahead of reading.
     */
    public Instant acknowledgedAt(String value, String where, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(where + "acknowledgedAt is required (YYYY-MM-DD or an ISO instant)");
            return null;
        }
        Instant at;
        try {
            String v = value.strip();
            at = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            problems.add(where + "acknowledgedAt '" + value + "' is not a date (YYYY-MM-DD) or an ISO instant");
            return null;
        }
        if (at.isAfter(clock.instant().plus(TODAY_ANYWHERE))) {
            problems.add(where + "acknowledgedAt " + value + " is in the future");
            return null;
        }
        return at;
    }

    static void checkId(String policyId, List<String> problems) {
        if (policyId == null || !ID.matcher(policyId).matches()) {
            problems.add("the policy id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private static String text(Object value, String name, int max, List<String> problems) {
        String v = value == null ? "" : value.toString().strip();
        if (v.isEmpty()) {
            problems.add(name + " is required");
            return null;
        }
        if (v.length() > max) {
            problems.add(name + " is " + v.length() + " characters, at most " + max);
            return null;
        }
        return v;
    }

    private static List<String> controls(Object value, Set<String> backable, List<String> problems) {
        Collection<?> given = value instanceof Collection<?> c ? c
                : value == null ? List.of() : List.of(value.toString().split(","));
        Set<String> controls = new LinkedHashSet<>();
        for (Object c : given) {
            String id = c == null ? "" : c.toString().strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!backable.contains(id)) {
                problems.add("control '" + id + "' cannot be backed by a policy; these can: " + String.join(", ",
                        backable.stream().sorted().toList()));
            }
            controls.add(id);
        }
        if (controls.isEmpty()) {
            problems.add("controls is required: the controls this policy backs (" + String.join(", ",
                    backable.stream().sorted().toList()) + ")");
        }
        return controls.stream().sorted().toList();
    }
}
