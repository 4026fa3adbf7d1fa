package dev.vigil.evaluator.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.evaluation.ControlEvaluationService;
import dev.vigil.evaluator.evaluation.EvaluationPace;
import dev.vigil.evaluator.evaluation.EvaluatorClock;
import dev.vigil.evaluator.ingest.EvidenceChanged;
import dev.vigil.evaluator.ingest.EvidenceIngestion;
import dev.vigil.evaluator.ingest.RunIngestion;
import dev.vigil.evaluator.store.Coverage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Derives one {@code identity.person} evidence item per person the identity providers know, joining their
 * accounts across sources ({@link IdentityJoin}), and one {@code identity.account} item per active account outside
 * the identity providers, saying who it is attributed to (or that it is no one, or a declared service account),
 * whenever an account type changed. The derivation is a
 * collection run of its own (collector {@code identity-join}, source {@code vigil://vigil/identity-join}) through
 * the same ingestion as collected evidence: it is versioned, kept in history and leaves scope the same way. When a
 * collection of accounts it joins was incomplete, its run is PARTIAL and names that gap, so a leaver check is never
 * PASS on half the accounts; a gap in another type of the same collection (a repository's settings) is no gap here.
 */
@ApplicationScoped
public class IdentityDerivation {
    public static final String TYPE = "identity.person";
    public static final String ACCOUNT_TYPE = "identity.account";
    public static final String COLLECTOR = "identity-join";
    static final SourceRef SOURCE = new SourceRef("vigil", COLLECTOR);
    private static final Logger LOG = Logger.getLogger(IdentityDerivation.class);
    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {
    };
    private static final TypeReference<List<RunFailure>> FAILURES = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    EvidenceIngestion evidence;
    @Inject
    RunIngestion runs;
    @Inject
    ControlEvaluationService evaluation;
    @Inject
    EvaluatorClock clock;
    @Inject
    IdentityConfig config;

    /** Derive once at start (a crash may have lost the last derivation), then whenever accounts changed. */
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    @Inject
    EvaluationPace pace;

    void inputsChanged(@Observes EvidenceChanged changed) {
        if (changed.resourceTypes().stream().anyMatch(IdentityAccounts.resourceTypes()::contains)) {
            pace.inputArrived(System.nanoTime());
            dirty.set(true);
        }
    }

    @Scheduled(every = "${vigil.evaluator.evaluation-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deriveIfAccountsChanged() {
        long start = System.nanoTime();
        // The join re-reads every account: paced like evaluation while a collection streams accounts in.
        if (!pace.due(start) || !dirty.getAndSet(false)) {
            return;
        }
        try {
            derive();
        } catch (RuntimeException e) {
            dirty.set(true); // try again on the next tick
            LOG.errorf(e, "deriving identities failed; will retry");
        } finally {
            pace.ran(start, System.nanoTime());
        }
    }

    /** What the join reads, in one transaction. */
    private record Snapshot(List<IdentityAccounts.Stored> accounts, List<RunFailure> gaps, boolean identityProviderSeen,
                            boolean identityProvidersComplete) {
    }

    void derive() {
        Snapshot snapshot = QuarkusTransaction.requiringNew().call(this::snapshot);
        if (!snapshot.identityProviderSeen()) {
            return; // no identity provider collected yet: nothing to say about leavers (LS-19 stays NO_EVIDENCE)
        }
        Instant now = clock.now();
        String runId = UUID.randomUUID().toString();
        IdentityJoin.Result joined = IdentityJoin.join(snapshot.accounts().stream().map(IdentityAccounts::read).toList(),
                config.declared(), snapshot.identityProvidersComplete());
        List<EvidenceEvent> derived = new ArrayList<>();
        for (IdentityJoin.Person p : joined.people()) {
            derived.add(EvidenceEvent.of(SOURCE, TYPE, "identity:" + p.email(), now, runId, IdentityJoin.facts(p, now),
                    provenance(p)));
        }
        Map<String, IdentityJoin.Person> byEmail = new LinkedHashMap<>();
        joined.people().forEach(p -> byEmail.put(p.email(), p));
        long accounts = 0;
        for (IdentityJoin.Attribution t : joined.accounts()) {
            if (t.account().active()) { // an inactive account is no access: nothing to answer for
                derived.add(EvidenceEvent.of(SOURCE, ACCOUNT_TYPE, "identity-account:" + t.account().resourceKey(), now,
                        runId, IdentityJoin.facts(t), provenance(t, byEmail.get(t.attributedTo()))));
                accounts++;
            }
        }
        EvidenceIngestion.Changes changed = evidence.ingest(derived);
        RunState state = snapshot.gaps().isEmpty() ? RunState.COMPLETED : RunState.PARTIAL;
        List<RunFailure> gaps = new ArrayList<>(snapshot.gaps());
        // An incomplete join leaves both derived types incomplete: people miss accounts, accounts miss their people.
        snapshot.gaps().forEach(g -> gaps.add(new RunFailure(ACCOUNT_TYPE, g.resourceKey(), g.reason(),
                g.missingPermission())));
        Set<String> coverage = runs.ingest(new CollectionRunEvent(runId, COLLECTOR, SOURCE, state, now, now,
                List.of(TYPE, ACCOUNT_TYPE), Map.of(TYPE, (long) joined.people().size(), ACCOUNT_TYPE, accounts), gaps));
        Set<String> types = new LinkedHashSet<>(changed.resourceTypes());
        types.addAll(coverage);
        evaluation.resourceTypesChanged(types);
        LOG.debugf("identity join: %d people, %d accounts, run %s %s", joined.people().size(), accounts, runId, state);
    }

    /** The account's evidence version and, when attributed, its person's identity-provider accounts. */
    private static Provenance provenance(IdentityJoin.Attribution t, IdentityJoin.Person person) {
        Map<String, String> joined = new LinkedHashMap<>();
        joined.put(t.account().resourceKey(), t.account().evidenceId());
        if (person != null) {
            person.identityAccounts().forEach(a -> joined.put(a.resourceKey(), a.evidenceId()));
        }
        return new Provenance("identity-join", joined, null, null, COLLECTOR, "1.0.0");
    }

    private static Provenance provenance(IdentityJoin.Person p) {
        Map<String, String> joined = new LinkedHashMap<>();
        p.identityAccounts().forEach(a -> joined.put(a.resourceKey(), a.evidenceId()));
        p.otherAccounts().forEach(a -> joined.put(a.resourceKey(), a.evidenceId()));
        // The evidence versions joined, by resource key: each is in the evidence history with its own provenance.
        return new Provenance("identity-join", joined, null, null, COLLECTOR, "1.0.0");
    }

    Snapshot snapshot() {
        Set<String> types = IdentityAccounts.resourceTypes();
        List<IdentityAccounts.Stored> accounts = em.unwrap(Session.class).doReturningWork(db -> {
            List<IdentityAccounts.Stored> out = new ArrayList<>();
            try (PreparedStatement q = db.prepareStatement("""
                    SELECT r.resource_type, r.source, r.resource_key, r.evidence_id, e.facts::text, e.first_observed_at
                      FROM resource_state r JOIN evidence_item e ON e.evidence_id = r.evidence_id
                     WHERE r.in_scope AND r.resource_type = ANY (?)
                     ORDER BY r.resource_key
                    """)) {
                q.setArray(1, db.createArrayOf("text", types.toArray(String[]::new)));
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        out.add(new IdentityAccounts.Stored(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), JsonColumns.read(rows.getString(5), FACTS),
                                rows.getTimestamp(6).toInstant()));
                    }
                }
            }
            return out;
        });
        List<Coverage> coverage = Coverage.ofTypes(types);
        boolean identityProviderSeen = accounts.stream()
                .anyMatch(a -> IdentityAccounts.identityProviderTypes().contains(a.resourceType()))
                || coverage.stream().anyMatch(c -> IdentityAccounts.identityProviderTypes().contains(c.resourceType));
        List<RunFailure> gaps = gaps(coverage);
        boolean identityProvidersComplete = gaps(coverage.stream()
                .filter(c -> IdentityAccounts.identityProviderTypes().contains(c.resourceType)).toList()).isEmpty();
        return new Snapshot(accounts, gaps, identityProviderSeen, identityProvidersComplete);
    }

    /**
     * The gaps in the accounts joined: the coverage gaps of the account types only. A run that read its accounts
     * completely but failed on something else (a GitHub run that could not read one repository's security
     * settings: a gap of {@code github.repository}, not of {@code github.member}) leaves the join complete; its
     * coverage row of {@code github.member} is PARTIAL with no gaps ({@code RunIngestion.gapsFor}).
     */
    static List<RunFailure> gaps(List<Coverage> coverage) {
        List<RunFailure> gaps = new ArrayList<>();
        for (Coverage c : coverage) {
            if (!IdentityAccounts.resourceTypes().contains(c.resourceType)) {
                continue;
            }
            List<RunFailure> failures = JsonColumns.read(c.gaps, FAILURES);
            if (!failures.isEmpty()) {
                String why = failures.stream().map(f -> (f.resourceKey() == null ? "" : f.resourceKey() + ": ")
                        + f.reason()).collect(Collectors.joining("; "));
                gaps.add(new RunFailure(TYPE, null, "accounts of " + c.resourceType + " from " + c.source
                        + " are incomplete (" + c.runState + ": " + why + ")",
                        failures.stream().map(RunFailure::missingPermission).filter(m -> m != null).findFirst().orElse(null)));
            }
        }
        return gaps;
    }
}
