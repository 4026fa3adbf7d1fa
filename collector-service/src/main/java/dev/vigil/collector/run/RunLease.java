package dev.vigil.collector.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may run a collector's run of everything on one target (its organisation or account), decided on the lease
 * row every instance reads under a row lock; plain data and rules, no database ({@link LeaseStore} stores it).
 *
 * <p>A lease names its holder (an instance), the run it holds it for, an expiry the holder pushes forward while the
 * run goes on, and a fencing token that grows by one at every grant: a holder that lost its lease (it stopped
 * renewing, another instance took the run over) still has the old token, and every write it makes is refused.
 *
 * @param runId         the run holding it; null once released (the row stays for its token and last start)
 * @param lastStartedAt when the last run of everything of this key started, on whichever instance: schedules and
 *                      the run at start count from it
 * @param lastEnd       how the last run of everything ended ({@code COMPLETED}, {@code PARTIAL}, {@code FAILED}); null
 *                      while it runs, or if it never ended (abandoned)
 */
public record RunLease(Key key, String holder, String runId, long token, Instant expiresAt, Instant lastStartedAt,
                       String lastEnd) {
    /** The end of a run that read everything: only such a run stands for a run at start. */
    public static final String COMPLETED = "COMPLETED";


    /** A collector and what its run of everything covers (the collector's source, e.g. vigil://github/acme). */
    public record Key(String collector, String target) {
        public Key {
            Objects.requireNonNull(collector);
            Objects.requireNonNull(target);
        }
    }

    /** A key no run ever held. */
    public static RunLease none(Key key) {
        return new RunLease(key, null, null, 0, Instant.EPOCH, null, null);
    }

    /** A run holds it and its holder renewed it in time. */
    public boolean held(Instant now) {
        return runId != null && expiresAt.isAfter(now);
    }

    /** A run held it and its holder stopped renewing: it died, or lost the database, and the run can be taken over. */
    public boolean abandoned(Instant now) {
        return runId != null && !expiresAt.isAfter(now);
    }

    /** Why a run is asked for. */
    public sealed interface Ask {
        /** Someone asked (POST /api/collections): runs unless a run holds the lease. */
        record Now() implements Ask {
        }

        /**
         * The service started: runs unless a run holds the lease, or one started within {@code skipWithin} and
         * completed (other instances started just before, or this one restarted). A lease held under this
         * instance's own name belongs to its previous process (a restart keeps the name, e.g. a pod's): abandoned.
         */
        record OnStart(Duration skipWithin) implements Ask {
        }

        /**
         * The schedule's tick: runs when the collector is due ({@link #dueAt}), or at once when the run holding the
         * lease was abandoned.
         *
         * @param firstDue when a collector that never ran is due: the service's start plus one interval
         */
        record Scheduled(Duration every, Instant firstDue) implements Ask {
        }
    }

    /** What an ask gets. */
    public sealed interface Decision {
        /**
         * Run it: the new lease, and the run it takes over from a dead holder, if any: its id, its holder and when it
         * was granted (all null when nothing is taken over).
         */
        record Granted(RunLease lease, String abandonedRunId, String abandonedBy, Instant abandonedStartedAt)
                implements Decision {
            public Granted(RunLease lease) {
                this(lease, null, null, null);
            }
        }

        /** A run holds the lease: who, and which run. */
        record Held(RunLease current) implements Decision {
        }

        /** Nothing to do yet: the schedule's next run, or the recent run the start counts as its own. */
        record NotDue(Instant dueAt) implements Decision {
        }
    }

    /** When the schedule next runs the key: one interval after its last start, or {@code firstDue} if it never ran. */
    public static Instant dueAt(Instant lastStartedAt, Duration every, Instant firstDue) {
        return lastStartedAt == null ? firstDue : lastStartedAt.plus(every);
    }

    /** The decision on {@code ask} by {@code instance} for a new run {@code runId}, at {@code now} (the database's). */
    public Decision decide(Ask ask, String instance, String runId, Instant now, Duration ttl) {
        boolean previousLife = ask instanceof Ask.OnStart && this.runId != null && instance.equals(holder);
        if (held(now) && !previousLife) {
            return new Decision.Held(this);
        }
        boolean takeover = abandoned(now) || previousLife;
        if (!takeover) {
            if (ask instanceof Ask.OnStart start && lastStartedAt != null && COMPLETED.equals(lastEnd)
                    && lastStartedAt.isAfter(now.minus(start.skipWithin()))) {
                return new Decision.NotDue(lastStartedAt.plus(start.skipWithin()));
            }
            if (ask instanceof Ask.Scheduled scheduled) {
                Instant due = dueAt(lastStartedAt, scheduled.every(), scheduled.firstDue());
                if (due.isAfter(now)) {
                    return new Decision.NotDue(due);
                }
            }
        }
        RunLease granted = new RunLease(key, instance, runId, token + 1, now.plus(ttl), now, null);
        return takeover ? new Decision.Granted(granted, this.runId, holder, lastStartedAt)
                : new Decision.Granted(granted);
    }

    /**
     * The lease renewed to {@code now + ttl} by the holder of {@code token}; empty when that token lost it (a grant
     * since, or released). Past its expiry a lease no one took yet is still its holder's to renew.
     */
    public Optional<RunLease> renewed(long token, Instant now, Duration ttl) {
        return heldWith(token) ? Optional.of(new RunLease(key, holder, runId, token, now.plus(ttl),
                lastStartedAt, lastEnd)) : Optional.empty();
    }

    /**
     * The lease released by the holder of {@code token} as its run ended ({@code end}: how; null if it never ran);
     * empty when that token lost it.
     */
    public Optional<RunLease> released(long token, Instant now, String end) {
        return heldWith(token) ? Optional.of(new RunLease(key, holder, null, token, now, lastStartedAt, end))
                : Optional.empty();
    }

    /** Whether {@code token} is the current grant and its run has not ended: its holder may still write. */
    public boolean heldWith(long token) {
        return runId != null && this.token == token;
    }
}
