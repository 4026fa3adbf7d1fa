package dev.vigil.evaluator.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Transaction-scoped PostgreSQL advisory locks, held across threads and evaluator instances until the current
 * transaction ends (commit, rollback or a lost connection: a crashed instance holds nothing).
 */
@ApplicationScoped
public class Locks {
    @Inject
    EntityManager em;

    /** Lock keys (two-int form) of controls; the collection locks use the separate one-bigint key space. */
    static final int CONTROL_LOCKS = 1;

    /**
     * Serialises work on one (source, resource type): evidence and run events for the same collection arrive on
     * different topics.
     */
    public void lockCollection(String source, String resourceType) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, source + "|" + resourceType)
                .getSingleResult();
    }

    /**
     * Serialises the evaluation of one control: evaluate, compare with the status last published, publish and record
     * happen under it, so a second evaluator of the same control waits and then finds the first one's record. Two
     * controls whose ids hash alike only wait for each other.
     */
    public void lockControl(String controlId) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, CONTROL_LOCKS)
                .setParameter(2, controlId)
                .getSingleResult();
    }
}
