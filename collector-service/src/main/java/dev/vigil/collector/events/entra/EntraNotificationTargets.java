package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.entra.EntraIdUsersCollector.NAME;
import static dev.vigil.collector.entra.EntraIdUsersCollector.TARGET_USER;

/**
 * What the change notifications of one Microsoft Graph delivery ({@code value[]}) name, for {@code entra-id-users} to
 * read again: the user of every {@code updated} notification (Graph sends {@code updated} for a user created,
 * changed or soft-deleted). A {@code deleted} one (permanently deleted) names a user nothing can read any more: a
 * full run no longer lists it and retires its evidence. Lifecycle notifications are not mapped here
 * ({@link EntraReceiver}); nor is a notification of another tenant.
 */
public final class EntraNotificationTargets {
    /** Entra ID object ids are GUIDs. */
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern USERS_RESOURCE = Pattern.compile("(?i)users/(.+)");

    /**
     * @param eventType the notifications as named in provenance ({@code users.updated}, comma-separated)
     */
    public record Mapped(String eventType, List<Target> targets, String ignoredBecause) {
    }

    private EntraNotificationTargets() {
    }

    /** @param tenantId the tenant Vigil reads ({@code vigil.collectors.entra-id-users.tenant-id}) */
    public static Mapped of(JsonNode notifications, String tenantId) {
        Set<String> types = new LinkedHashSet<>();
        Set<Target> targets = new LinkedHashSet<>();
        String ignored = "no notification names a user";
        for (JsonNode n : notifications) {
            if (!n.path("lifecycleEvent").asText("").isEmpty()) {
                continue;
            }
            String changeType = n.path("changeType").asText("").toLowerCase(Locale.ROOT);
            types.add("users." + changeType);
            String tenant = n.path("tenantId").asText(n.path("resourceData").path("organizationId").asText(""));
            if (!tenant.isEmpty() && !tenant.equalsIgnoreCase(tenantId)) {
                ignored = "tenant " + tenant + " is not the one Vigil reads";
                continue;
            }
            if ("deleted".equals(changeType)) {
                ignored = "a deleted user cannot be read; the next full run no longer lists it";
                continue;
            }
            String id = userId(n);
            if (id != null && ("updated".equals(changeType) || "created".equals(changeType))) {
                targets.add(new Target(NAME, TARGET_USER, id.toLowerCase(Locale.ROOT)));
            }
        }
        String eventType = String.join(",", types);
        return targets.isEmpty() ? new Mapped(eventType, List.of(), ignored)
                : new Mapped(eventType, List.copyOf(targets), null);
    }

    /** {@code resourceData.id}, else the id in {@code resource} ({@code Users/<id>}); null when neither is a GUID. */
    static String userId(JsonNode notification) {
        String id = notification.path("resourceData").path("id").asText("");
        if (OBJECT_ID.matcher(id).matches()) {
            return id;
        }
        var m = USERS_RESOURCE.matcher(notification.path("resource").asText(""));
        return m.matches() && OBJECT_ID.matcher(m.group(1)).matches() ? m.group(1) : null;
    }
}
