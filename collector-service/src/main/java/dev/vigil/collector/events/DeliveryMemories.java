package dev.vigil.collector.events;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Makes the shared delivery memories of the receivers, the AWS queue and Entra's audit log. */
@ApplicationScoped
public class DeliveryMemories {
    private final AgroalDataSource db;

    public DeliveryMemories(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * @param name     which memory, e.g. {@code hooks}
     * @param capacity how many ids this instance keeps while the database is unreachable
     */
    public DeliveryMemory shared(String name, Duration memory, int capacity) {
        return new SharedDeliveryMemory(db, name, memory, new RecentDeliveries(memory, capacity));
    }
}
