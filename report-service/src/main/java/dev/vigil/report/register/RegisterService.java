package dev.vigil.report.register;

import dev.vigil.common.evidence.CanonicalJson;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RegisterEvidence;
import dev.vigil.common.evidence.Times;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.upload.EvidencePublisher;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Records register items and publishes them as evidence, the way uploads are: a new version is appended to the
 * history and made current, its document (the version as canonical JSON) is kept in the evidence store, and the item
 * goes out on the evidence topic, signed; the transaction commits only once the broker acknowledged it, so a version
 * is never recorded without its evidence. Every item is also read again on a timer, so the evaluator judges its dates
 * against the current day even when nobody edits the register.
 */
@ApplicationScoped
public class RegisterService {
    private static final Logger LOG = Logger.getLogger(RegisterService.class);

    private final ItemValidator validator;
    private final RegisterStore store;
    private final EvidenceStore evidenceStore;
    private final EvidencePublisher publisher;
    private final Clock clock;
    private final String version;

    public RegisterService(RegisterStore store, EvidenceStore evidenceStore, EvidencePublisher publisher, Clock clock,
                           @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.validator = new ItemValidator(clock);
        this.store = store;
        this.evidenceStore = evidenceStore;
        this.publisher = publisher;
        this.clock = clock;
        this.version = version;
    }

    /** What recording did: the item's current version, and the change (null: identical to the current version). */
    public record Recorded(RegisterEvidence.Item item, ItemChange change) {
    }

    public record Imported(int rows, int changed, List<Recorded> items) {
    }

    /** @throws InvalidItemException before anything is recorded when the values are not an item */
    public ValidItem validate(Register register, String itemId, Map<String, String> values) {
        return validator.validate(register, itemId, values, "");
    }

    @Transactional
    public Recorded record(ValidItem item, String who, String via) {
        return recordOne(item, who, via, UUID.randomUUID().toString());
    }

    /**
     * Every row is validated before anything is recorded, and all of them are recorded in one transaction: a file
     * with one bad row changes nothing. Rows identical to the current version record nothing, so importing an
     * export again is harmless.
     */
    @Transactional
    public Imported importCsv(Register register, String csv, String who) {
        List<RegisterCsv.Row> rows = RegisterCsv.read(csv);
        List<String> problems = new ArrayList<>();
        List<ValidItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RegisterCsv.Row row : rows) {
            String where = "line " + row.line() + ": ";
            try {
                ValidItem item = validator.validate(register, row.itemId(), row.fields(), where);
                if (!seen.add(item.itemId())) {
                    problems.add(where + "item " + item.itemId() + " appears more than once in the file");
                }
                items.add(item);
            } catch (InvalidItemException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidItemException(problems);
        }
        String runId = UUID.randomUUID().toString();
        List<Recorded> recorded = items.stream().map(i -> recordOne(i, who, "csv", runId)).toList();
        int changed = (int) recorded.stream().filter(r -> r.change() != null).count();
        LOG.infof("imported %d %s item(s) from CSV, %d changed", rows.size(), register.id(), changed);
        return new Imported(rows.size(), changed, recorded);
    }

    @Transactional
    public List<RegisterEvidence.Item> items(Register register) {
        return store.items(register);
    }

    @Transactional
    public Optional<List<RegisterStore.Version>> history(Register register, String itemId) {
        List<RegisterStore.Version> versions = store.history(register, itemId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions);
    }

    public String exportCsv(Register register) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (RegisterEvidence.Item item : items(register)) {
            Map<String, Object> row = new LinkedHashMap<>(item.fields());
            row.put(RegisterCsv.ITEM_ID, item.itemId());
            row.put(ItemValidator.RETIRED, item.retired());
            rows.add(row);
        }
        return RegisterCsv.write(register, rows);
    }

    /**
     * Reads every item again as of today: the same facts within a day (the evaluator only notes it saw them again,
     * which keeps ongoing controls' evidence fresh), a new evidence version on a new day, which is when a date that
     * passed turns a verdict. Several instances doing this at once publish the same events: harmless.
     */
    @Scheduled(every = "${vigil.report.registers.observe-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void observeEveryItem() {
        List<RegisterEvidence.Item> items = everyItem();
        String runId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        for (RegisterEvidence.Item item : items) {
            publisher.publish(RegisterEvidence.event(item, today(now), now, runId, version));
        }
        if (!items.isEmpty()) {
            LOG.infof("read %d register item(s) again as of %s", items.size(), today(now));
        }
    }

    @Transactional
    List<RegisterEvidence.Item> everyItem() {
        return store.everyItem();
    }

    private Recorded recordOne(ValidItem valid, String who, String via, String runId) {
        // A secret pasted into a root cause never reaches the database, the evidence store or Kafka.
        ValidItem item = new ValidItem(valid.register(), valid.itemId(), Redactor.redactFacts(valid.fields()),
                valid.retired());
        RegisterEvidence.Item current = store.currentForUpdate(item.register(), item.itemId()).orElse(null);
        ItemChange change = ItemChange.of(current, item);
        if (change == null) {
            return new Recorded(current, null);
        }
        Instant now = Times.micros(clock.instant());
        int next = current == null ? 1 : current.version() + 1;
        String sha256 = evidenceStore.put(document(item, next, who, now, change, via));
        RegisterEvidence.Item recorded = new RegisterEvidence.Item(item.register().id(), item.itemId(), next,
                item.retired(), item.fields(), who, now, sha256);
        store.record(recorded, change, via);
        EvidenceEvent event = RegisterEvidence.event(recorded, today(now), now, runId, version);
        publisher.publish(event);
        LOG.infof("%s %s %s, version %d, by %s (evidence %s)", item.register().id(), item.itemId(), change.column(),
                next, who, event.id());
        return new Recorded(recorded, change);
    }

    /** The version as an auditor reads it in a bundle: what it says, who recorded it, when and how. */
    private static byte[] document(ValidItem item, int version, String who, Instant at, ItemChange change, String via) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("register", item.register().id());
        doc.put("itemId", item.itemId());
        doc.put("version", version);
        doc.put("retired", item.retired());
        doc.put("fields", item.fields());
        doc.put("changedBy", who);
        doc.put("changedAt", at.toString());
        doc.put("change", change.column());
        doc.put("via", via);
        return CanonicalJson.write(doc).getBytes(StandardCharsets.UTF_8);
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
