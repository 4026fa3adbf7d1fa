package dev.vigil.report.policy;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.DocumentRequirement;
import dev.vigil.common.catalogue.RuleMapping;
import dev.vigil.common.evidence.CanonicalJson;
import dev.vigil.common.evidence.PolicyEvidence;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.Times;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.linked.ActivePerson;
import dev.vigil.report.linked.LinkedServices;
import dev.vigil.report.register.InvalidItemException;
import dev.vigil.report.register.RegisterCsv;
import dev.vigil.report.upload.EvidencePublisher;
import dev.vigil.report.upload.ManualDocumentEvidence;
import dev.vigil.report.upload.UploadService;
import dev.vigil.report.upload.ValidUpload;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records policies, their versions, approvals and acknowledgements, and publishes each policy as evidence the way the
 * registers are: whenever what people must acknowledge changes (a policy recorded, a version approved, an
 * acknowledgement) and again on a timer, so that a window that ends fails the control with nobody touching the
 * policy. A publication reads the active people from the evaluator; the transaction commits only once the broker
 * acknowledged the evidence, so nothing is recorded without it.
 */
@ApplicationScoped
public class PolicyService {
    private static final Logger LOG = Logger.getLogger(PolicyService.class);
    /** A control can be backed by a policy when the catalogue judges it with a policy rule. */
    static final String POLICY_RULE = "policy.acknowledged-in-time.";

    private final PolicyStore store;
    private final EvidenceStore evidenceStore;
    private final EvidencePublisher publisher;
    private final UploadService uploads;
    private final LinkedServices linked;
    private final PolicyValidator validator;
    private final Set<String> backable;
    /** The document type each backable control requires that is the policy itself (CM-13: change-management-policy). */
    private final Map<String, String> policyDocumentTypes;
    private final Clock clock;
    private final int days;
    private final String version;
    private final AtomicBoolean retryPending = new AtomicBoolean();
    private final String retryInterval;

    public PolicyService(PolicyStore store, EvidenceStore evidenceStore, EvidencePublisher publisher,
                         UploadService uploads, LinkedServices linked, Catalogue catalogue, PolicyConfig config, Clock clock,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version,
                         @ConfigProperty(name = "vigil.policies.retry-interval", defaultValue = "1m")
                         String retryInterval) {
        if (config.acknowledgementDays() < 1 || config.acknowledgementDays() > 366) {
            throw new IllegalStateException("vigil.policies.acknowledgement-days must be 1 to 366, not "
                    + config.acknowledgementDays());
        }
        this.store = store;
        this.evidenceStore = evidenceStore;
        this.publisher = publisher;
        this.uploads = uploads;
        this.linked = linked;
        this.validator = new PolicyValidator(clock);
        this.backable = backable(catalogue);
        this.policyDocumentTypes = policyDocumentTypes(catalogue, backable);
        this.clock = clock;
        this.days = config.acknowledgementDays();
        this.version = version;
        this.retryInterval = retryInterval;
    }

    /** What a change did: the policy afterwards, and whether anything was recorded. */
    public record Changed<T>(T value, boolean recorded) {
    }

    /** Everything about one policy: its revisions, versions and acknowledgements, and its people as of now. */
    public record Standing(Policy policy, List<Policy> revisions, List<PolicyVersion> versions,
                           Optional<PolicyVersion> current, List<Acknowledgement> acknowledgements,
                           List<PolicyStanding.PersonStanding> people, String peopleUnavailable,
                           int acknowledgementDays) {
    }

    public record Imported(int rows, int recorded, List<String> policies) {
    }

    public Set<String> backableControls() {
        return backable;
    }

    public PolicyValidator.ValidPolicy validate(String policyId, Map<String, Object> body) {
        return validator.policy(policyId, body, backable);
    }

    public PolicyValidator.ValidVersion validateVersion(Map<String, Object> body) {
        return validator.version(body);
    }

    @Transactional
    public Changed<Policy> record(PolicyValidator.ValidPolicy p, String who) {
        Policy current = store.policyForUpdate(p.policyId()).orElse(null);
        if (current != null && current.title().equals(p.title()) && current.owner().equals(p.owner())
                && current.controls().equals(p.controls())) {
            return new Changed<>(current, false);
        }
        Policy next = new Policy(p.policyId(), current == null ? 1 : current.revision() + 1, p.title(), p.owner(),
                p.controls(), who, Times.micros(clock.instant()));
        store.record(next);
        String runId = UUID.randomUUID().toString();
        publish(next, runId);
        Optional<PolicyVersion> approved = PolicyStanding.current(store.versions(p.policyId()));
        if (approved.isPresent()) {
            List<String> added = next.controls().stream()
                    .filter(c -> current == null || !current.controls().contains(c)).toList();
            publishAsDocument(next, approved.get(), added, runId);
        }
        LOG.infof("policy %s revision %d by %s", next.policyId(), next.revision(), who);
        return new Changed<>(next, true);
    }

    /** A new version, not yet approved: what people follow changes only once its owner approves it. */
    @Transactional
    public PolicyVersion recordVersion(String policyId, PolicyValidator.ValidVersion v, String who) {
        Policy policy = store.policyForUpdate(policyId).orElseThrow(() -> noPolicy(policyId));
        String sha;
        if (v.text() != null) {
            // A secret pasted into a policy never reaches the evidence store, Kafka or a bundle.
            sha = evidenceStore.put(Redactor.redactText(v.text()).getBytes(StandardCharsets.UTF_8));
        } else if (evidenceStore.get(v.documentSha256()).isEmpty()) {
            throw new InvalidPolicyException(List.of("no document " + v.documentSha256() + " in the evidence store;"
                    + " upload it first (POST /api/evidence/uploads) or give the policy's text"));
        } else {
            sha = v.documentSha256();
        }
        int next = store.versions(policyId).stream().mapToInt(PolicyVersion::version).max().orElse(0) + 1;
        PolicyVersion recorded = new PolicyVersion(policy.policyId(), next, sha, v.effectiveDate(), who,
                Times.micros(clock.instant()), null, null);
        store.recordVersion(recorded);
        LOG.infof("policy %s version %d recorded by %s (document %s)", policyId, next, who, sha);
        return recorded;
    }

    /** Only the policy's owner approves its versions; approving twice changes nothing. */
    @Transactional
    public Changed<PolicyVersion> approve(String policyId, int number, String who) {
        Policy policy = store.policyForUpdate(policyId).orElseThrow(() -> noPolicy(policyId));
        PolicyVersion v = store.versions(policyId).stream().filter(x -> x.version() == number).findFirst()
                .orElseThrow(() -> PolicyRefusedException.notFound("policy " + policyId + " has no version " + number));
        if (v.approved()) {
            return new Changed<>(v, false);
        }
        if (!policy.owner().equalsIgnoreCase(who)) {
            throw PolicyRefusedException.forbidden("only the policy's owner, " + policy.owner()
                    + ", approves its versions; you are signed in as " + who);
        }
        Instant now = Times.micros(clock.instant());
        store.recordApproval(policyId, number, who, now);
        String runId = UUID.randomUUID().toString();
        publish(policy, runId);
        PolicyVersion approved = new PolicyVersion(v.policyId(), v.version(), v.documentSha256(), v.effectiveDate(),
                v.recordedBy(), v.recordedAt(), who, now);
        // Approving an older version than the current one changes no control's document.
        if (PolicyStanding.current(store.versions(policyId)).map(c -> c.version() == number).orElse(false)) {
            publishAsDocument(policy, approved, policy.controls(), runId);
        }
        LOG.infof("policy %s version %d approved by %s", policyId, number, who);
        return new Changed<>(approved, true);
    }

    /** The signed-in person acknowledges the current version themself; once is enough. */
    @Transactional
    public Changed<Acknowledgement> acknowledge(String policyId, String who) {
        Policy policy = store.policyForUpdate(policyId).orElseThrow(() -> noPolicy(policyId));
        PolicyVersion current = PolicyStanding.current(store.versions(policyId)).orElseThrow(() ->
                PolicyRefusedException.conflict("policy " + policyId + " has no approved version to acknowledge"));
        String person = who.toLowerCase(Locale.ROOT);
        Instant now = Times.micros(clock.instant());
        Acknowledgement a = new Acknowledgement(policyId, current.version(), person, now, who, now,
                Acknowledgement.SELF);
        if (!store.recordAcknowledgement(a)) {
            return new Changed<>(store.acknowledgements(policyId).stream()
                    .filter(x -> x.version() == current.version() && x.person().equals(person)).findFirst()
                    .orElseThrow(), false);
        }
        publish(policy, UUID.randomUUID().toString());
        LOG.infof("policy %s version %d acknowledged by %s", policyId, current.version(), person);
        return new Changed<>(a, true);
    }

    /**
     * Acknowledgements exported from an HR or learning system: every row is checked before anything is recorded,
     * and all are recorded in one transaction, so a file with one bad row changes nothing. A person who already
     * acknowledged that version keeps their first acknowledgement, so importing an export again records nothing.
     */
    @Transactional
    public Imported importCsv(String csv, String who) {
        List<RegisterCsv.Row> rows;
        try {
            rows = RegisterCsv.read(csv, AcknowledgementCsv.POLICY_ID);
        } catch (InvalidItemException e) {
            throw new InvalidPolicyException(e.problems());
        }
        List<String> problems = new ArrayList<>();
        List<Acknowledgement> acks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant now = Times.micros(clock.instant());
        for (RegisterCsv.Row row : rows) {
            String where = "line " + row.line() + ": ";
            int before = problems.size();
            AcknowledgementCsv.unknownColumns(row.values().keySet())
                    .forEach(c -> problems.add(where + "unknown column '" + c + "'"));
            String policyId = row.values().get(AcknowledgementCsv.POLICY_ID);
            Optional<PolicyVersion> version = version(policyId, row.values().get(AcknowledgementCsv.VERSION), where,
                    problems);
            String person = PolicyValidator.person(row.values().get(AcknowledgementCsv.PERSON), where, problems);
            Instant at = validator.acknowledgedAt(row.values().get(AcknowledgementCsv.ACKNOWLEDGED_AT), where,
                    problems);
            if (problems.size() > before || version.isEmpty()) {
                continue;
            }
            if (!seen.add(policyId + " " + version.get().version() + " " + person)) {
                problems.add(where + person + " acknowledges " + policyId + " version " + version.get().version()
                        + " more than once in the file");
                continue;
            }
            acks.add(new Acknowledgement(policyId, version.get().version(), person, Times.micros(at), who, now,
                    Acknowledgement.CSV));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        Set<String> changed = new TreeSet<>();
        for (Acknowledgement a : acks) {
            if (store.recordAcknowledgement(a)) {
                changed.add(a.policyId());
            }
        }
        int recorded = (int) acks.stream().filter(a -> changed.contains(a.policyId())).count();
        String runId = UUID.randomUUID().toString();
        changed.forEach(id -> publish(store.policy(id).orElseThrow(), runId));
        LOG.infof("imported %d acknowledgement row(s) from CSV; policies changed: %s", rows.size(), changed);
        return new Imported(rows.size(), recorded, List.copyOf(changed));
    }

    @Transactional
    public String exportCsv() {
        return AcknowledgementCsv.write(store.everyAcknowledgement());
    }

    @Transactional
    public List<Policy> policies() {
        return store.policies();
    }

    /** The policy with its people as of now; empty for a policy never recorded. */
    @Transactional
    public Optional<Standing> standing(String policyId) {
        return store.policy(policyId).map(p -> {
            List<PolicyVersion> versions = store.versions(policyId);
            Optional<PolicyVersion> current = PolicyStanding.current(versions);
            List<Acknowledgement> acks = store.acknowledgements(policyId);
            LinkedServices.Answer<List<ActivePerson>> people = linked.activePeople();
            return new Standing(p, store.revisions(policyId), versions, current, acks,
                    PolicyStanding.people(current, acks, people.ok() ? people.value() : null, days),
                    people.unavailable(), days);
        });
    }

    /** The document of one version, as stored. */
    public Optional<byte[]> document(String sha256) {
        return evidenceStore.get(sha256);
    }

    /**
     * Reads every policy again as of today: the same facts within a day (the evaluator notes it saw them again),
     * a new evidence version on a new day or when the people changed, which is when a window that ended turns a
     * verdict. Several instances doing this at once publish the same events: harmless.
     */
    @Scheduled(every = "${vigil.policies.observe-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void observeEveryPolicy() {
        List<Policy> policies = policies();
        if (policies.isEmpty()) {
            return;
        }
        // The timer publishes nothing rather than "people unknown" when the evaluator cannot be read: a passing
        // outage (the evaluator restarting, or starting after this service) would otherwise turn every policy-backed
        // control NOT_EVALUATED until the next round. Nothing changed that Vigil knows of; it tries again shortly.
        LinkedServices.Answer<List<ActivePerson>> people = linked.activePeople();
        if (!people.ok()) {
            retryPending.set(true);
            LOG.warnf("policies not read again: %s; trying again within %s", people.unavailable(), retryInterval);
            return;
        }
        retryPending.set(false);
        String runId = UUID.randomUUID().toString();
        for (Policy p : policies) {
            observe(p, runId, people); // one read of the people for every policy of the round
        }
        LOG.infof("read %d polic(ies) again", policies.size());
    }

    /** The timer's round again, soon, when the last one could not read the people. */
    @Scheduled(every = "${vigil.policies.retry-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void observeAgainIfPeopleWereUnreadable() {
        if (retryPending.get()) {
            observeEveryPolicy();
        }
    }

    @Transactional
    void observe(Policy p, String runId, LinkedServices.Answer<List<ActivePerson>> people) {
        publish(p, runId, people);
    }

    private void publish(Policy policy, String runId) {
        publish(policy, runId, linked.activePeople());
    }

    private void publish(Policy policy, String runId, LinkedServices.Answer<List<ActivePerson>> people) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<PolicyVersion> versions = store.versions(policy.policyId());
        Optional<PolicyVersion> current = PolicyStanding.current(versions);
        List<PolicyStanding.PersonStanding> standing = PolicyStanding.people(current,
                store.acknowledgements(policy.policyId()), people.ok() ? people.value() : null, days);
        String unavailable = people.ok() ? null : "the control-evaluator's active people could not be read";
        PolicyEvidence.Observation unsigned = PolicyStanding.observation(policy, current, standing, unavailable, days,
                null);
        // The observation itself is kept as a document, so a bundle shows whom the policy addressed that day.
        String snapshot = evidenceStore.put(CanonicalJson.write(Redactor.redactFacts(
                PolicyEvidence.facts(unsigned, today))).getBytes(StandardCharsets.UTF_8));
        PolicyEvidence.Observation observation = PolicyStanding.observation(policy, current, standing, unavailable,
                days, snapshot);
        // Every control it ever backed: one it no longer backs reads the policy as not applicable, not a leftover.
        Set<String> controls = new TreeSet<>(policy.controls());
        store.revisions(policy.policyId()).forEach(r -> controls.addAll(r.controls()));
        for (String control : controls) {
            publisher.publish(PolicyEvidence.event(observation, control, today, now, runId, version));
        }
        if (!people.ok()) {
            LOG.warnf("policy %s published without its people: %s", policy.policyId(), people.unavailable());
        }
    }

    /**
     * The approved version is the policy document the control requires (CM-13's change management policy): an owner
     * approving it in Vigil is the signed-off document an auditor asks for, so nobody uploads it a second time.
     * Published like an upload of that document, approved by the owner, in effect from the version's effective date.
     */
    private void publishAsDocument(Policy policy, PolicyVersion version, List<String> controls, String runId) {
        // A version given as a document is an upload (its name and media type as uploaded); one given as text is
        // stored by this service as UTF-8.
        UploadService.StoredFile file = uploads.file(version.documentSha256()).orElseGet(() ->
                new UploadService.StoredFile(policy.policyId() + "-v" + version.version() + ".txt", "text/plain",
                evidenceStore.get(version.documentSha256()).orElseThrow(() -> new IllegalStateException("policy "
                        + policy.policyId() + " version " + version.version() + ": document "
                        + version.documentSha256() + " is not in the evidence store"))));
        Instant now = clock.instant();
        for (String control : controls) {
            String type = policyDocumentTypes.get(control);
            if (type == null) {
                continue;
            }
            ValidUpload asDocument = new ValidUpload(control, type, version.effectiveDate(), version.approvedBy(),
                    version.recordedBy(), file.fileName(), file.mediaType(), file.bytes().length);
            publisher.publish(ManualDocumentEvidence.event(asDocument, version.documentSha256(), runId, now,
                    this.version));
        }
    }

    private Optional<PolicyVersion> version(String policyId, String number, String where, List<String> problems) {
        if (policyId == null || policyId.isBlank()) {
            problems.add(where + "policyId is required");
            return Optional.empty();
        }
        if (store.policy(policyId).isEmpty()) {
            problems.add(where + "no policy '" + policyId + "'");
            return Optional.empty();
        }
        List<PolicyVersion> versions = store.versions(policyId);
        if (number == null || number.isBlank()) {
            Optional<PolicyVersion> current = PolicyStanding.current(versions);
            if (current.isEmpty()) {
                problems.add(where + "policy " + policyId + " has no approved version to acknowledge");
            }
            return current;
        }
        int n;
        try {
            n = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            problems.add(where + "version '" + number + "' is not a number");
            return Optional.empty();
        }
        Optional<PolicyVersion> v = versions.stream().filter(x -> x.version() == n).findFirst();
        if (v.isEmpty() || !v.get().approved()) {
            problems.add(where + "policy " + policyId + " has no approved version " + n);
            return Optional.empty();
        }
        return v;
    }

    private static PolicyRefusedException noPolicy(String policyId) {
        return PolicyRefusedException.notFound("no policy '" + policyId + "'");
    }

    private static Map<String, String> policyDocumentTypes(Catalogue catalogue, Set<String> backable) {
        Map<String, String> types = new java.util.HashMap<>();
        for (String id : backable) {
            List<String> policies = catalogue.control(id).map(ControlDefinition::documents).orElse(List.of()).stream()
                    .map(DocumentRequirement::type).filter(t -> t.endsWith("-policy")).toList();
            if (policies.size() == 1) {
                types.put(id, policies.get(0));
            }
        }
        return Map.copyOf(types);
    }

    private static Set<String> backable(Catalogue catalogue) {
        Set<String> controls = new LinkedHashSet<>();
        catalogue.controls().forEach(c -> {
            for (RuleMapping r : c.rules()) {
                if (r.id().startsWith(POLICY_RULE)) {
                    controls.add(c.id());
                }
            }
        });
        return Set.copyOf(controls);
    }
}
