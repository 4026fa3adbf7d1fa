package dev.vigil.evaluator.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Serialises work on one (source, resource type) across threads and evaluator instances, for the rest of
 * the current transaction: evidence and run events for the same collection arrive on different topics.
 */
@ApplicationScoped
public class Locks {
    @Inject
    EntityManager em;

    public void lockCollection(String source, String resourceType) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, source + "|" + resourceType)
                .getSingleResult();
    }
}
