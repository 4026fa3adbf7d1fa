package dev.vigil.report.web;

import dev.vigil.report.projection.StatusChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Fans committed status changes out to every open dashboard. Observed after the projection's transaction
 * succeeds, so a page never reloads into a status that was rolled back. Hot: a subscriber sees only changes made
 * after it subscribed (a page rendered earlier reloads on the next change; the script polls as a fallback).
 */
@ApplicationScoped
public class LiveStatus {
    private final BroadcastProcessor<StatusChanged> changes = BroadcastProcessor.create();

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) StatusChanged change) {
        changes.onNext(change);
    }

    public Multi<StatusChanged> changes() {
        return changes;
    }
}
