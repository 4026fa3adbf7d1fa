package dev.vigil.collector.events.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.google.GoogleWorkspaceUsersCollector.NAME;
import static dev.vigil.collector.google.GoogleWorkspaceUsersCollector.TARGET_USER;

/**
 * What an admin audit activity (the body of a Reports API push notification, {@code applicationName} {@code admin})
 * names, for {@code google-workspace-users} to read again: the user ({@code USER_EMAIL}) of every event that can
 * change a fact Vigil keeps of a user (created, suspended, archived, renamed, an administrator role or privilege,
 * 2-Step Verification, the organisational unit whose policy enforces it). A deleted user cannot be read: a full run
 * no longer lists it and retires its evidence.
 */
public final class AdminEventTargets {
    public static final String APPLICATION = "admin";
    /**
     * Event names of the admin audit log ("Admin Audit Activity Events": User Settings, Delegated Admin Settings)
     * that change a user's facts.
     */
    static final Set<String> EVENTS = Set.of("CREATE_USER", "UNDELETE_USER", "SUSPEND_USER", "UNSUSPEND_USER",
            "ARCHIVE_USER", "UNARCHIVE_USER", "RENAME_USER", "MOVE_USER_TO_ORG_UNIT",
            "GRANT_ADMIN_PRIVILEGE", "REVOKE_ADMIN_PRIVILEGE", "ASSIGN_ROLE", "UNASSIGN_ROLE",
            "TURN_OFF_2_STEP_VERIFICATION", "USER_ENROLLED_IN_TWO_STEP_VERIFICATION",
            "USER_PUT_IN_TWO_STEP_VERIFICATION_GRACE_PERIOD", "UNENROLL_USER_FROM_STRONG_AUTH");
    static final String DELETE_USER = "DELETE_USER";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s/]{1,64}@[A-Za-z0-9.-]{1,253}");

    /** The events as named in provenance ({@code admin.SUSPEND_USER}), and what to read or why nothing. */
    public record Mapped(String eventType, List<Target> targets, String ignoredBecause) {
    }

    private AdminEventTargets() {
    }

    public static Mapped of(JsonNode activity) {
        String application = activity.path("id").path("applicationName").asText("");
        Set<String> all = new LinkedHashSet<>();
        Set<String> readFor = new LinkedHashSet<>();
        Set<Target> targets = new LinkedHashSet<>();
        boolean deleted = false;
        for (JsonNode event : activity.path("events")) {
            String name = event.path("name").asText("");
            all.add(application + "." + name);
            if (DELETE_USER.equals(name)) {
                deleted = true;
                continue;
            }
            if (!APPLICATION.equals(application) || !EVENTS.contains(name)) {
                continue;
            }
            // a rename's USER_EMAIL is the old address, which no longer reads; NEW_VALUE is the new one
            String email = parameter(event, "RENAME_USER".equals(name) ? "NEW_VALUE" : "USER_EMAIL");
            if (email != null && EMAIL.matcher(email).matches()) {
                targets.add(new Target(NAME, TARGET_USER, email.toLowerCase(Locale.ROOT)));
                readFor.add(application + "." + name);
            }
        }
        if (targets.isEmpty()) {
            return new Mapped(String.join(",", all), List.of(), deleted
                    ? "a deleted user cannot be read; the next full run no longer lists it"
                    : "no event Vigil reads anything again for");
        }
        return new Mapped(String.join(",", readFor), List.copyOf(targets), null);
    }

    private static String parameter(JsonNode event, String name) {
        for (JsonNode p : event.path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("value").asText(null);
            }
        }
        return null;
    }
}
