package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.entra.EntraIdUsersCollector.NAME;
import static dev.vigil.collector.entra.EntraIdUsersCollector.TARGET_USER;

/**
 * What the directory audit log's records of authentication methods name, for {@code entra-id-users} to read again:
 * the user of every successful record Entra ID writes when someone registers, changes or deletes a multi-factor
 * method ({@code loggedByService} "Authentication Methods": "User registered security info", "User deleted security
 * info", "Admin deleted security info", ...). Graph sends no change notification for these, so the log is read
 * ({@link EntraAuditLog}). A failed attempt changed nothing and names nothing to read.
 */
public final class DirectoryAuditTargets {
    /** The service that writes authentication-method records, as Graph names it in {@code loggedByService}. */
    public static final String SERVICE = "Authentication Methods";
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    /**
     * One record that names users to read: its id (the delivery id in provenance), the activity as an event type
     * ({@code directoryAudit.User deleted security info}) and when it happened.
     */
    public record Change(String id, String eventType, Instant at, List<Target> targets) {
    }

    private DirectoryAuditTargets() {
    }

    /** The records that name users to read, oldest first. */
    public static List<Change> of(List<JsonNode> records) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode r : records) {
            String id = r.path("id").asText("");
            if (id.isEmpty() || !SERVICE.equalsIgnoreCase(r.path("loggedByService").asText(""))
                    || !"success".equalsIgnoreCase(r.path("result").asText(""))) {
                continue;
            }
            Set<Target> targets = new LinkedHashSet<>();
            for (JsonNode t : r.path("targetResources")) {
                String user = t.path("id").asText("");
                if ("User".equalsIgnoreCase(t.path("type").asText("")) && OBJECT_ID.matcher(user).matches()) {
                    targets.add(new Target(NAME, TARGET_USER, user.toLowerCase(Locale.ROOT)));
                }
            }
            if (!targets.isEmpty()) {
                changes.add(new Change(id, "directoryAudit." + r.path("activityDisplayName").asText(""),
                        at(r.path("activityDateTime").asText("")), List.copyOf(targets)));
            }
        }
        changes.sort(Comparator.comparing(Change::at));
        return changes;
    }

    private static Instant at(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH; // read all the same: when it happened only orders the reads
        }
    }
}
