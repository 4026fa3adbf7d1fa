package dev.vigil.report.web;

import dev.vigil.report.projection.StatusChanged;
import dev.vigil.report.projection.StatusNotifications;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans committed status changes out to every open dashboard of this instance, whichever instance projected them
 * ({@link StatusNotifications}), so a page never reloads into a status that was rolled back. Hot: a subscriber sees
 * only changes made after it subscribed (a page rendered earlier reloads on the next change; the script polls as a
 * fallback).
 */
@ApplicationScoped
public class LiveStatus {
    private final StatusNotifications notifications;

    public LiveStatus(StatusNotifications notifications) {
        this.notifications = notifications;
    }

    public Multi<StatusChanged> changes() {
        return notifications.committed();
    }
}
