package dev.vigil.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.ledger.LedgerChain;
import dev.vigil.common.ledger.LedgerEntry;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.report.bundle.AcceptedException;
import dev.vigil.report.bundle.ObservedEvidence;
import dev.vigil.report.bundle.PeriodEvidence;
import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.period.Period;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A generated year of one organisation, as {@link PeriodEvidence} reads it: N resources, each feeding 1 to 3 controls,
 * observed daily; a resource's facts change every {@value #CHANGE_EVERY} days (staggered by resource), and each change
 * is a new evidence version with its own ledger record. Raw responses are API pages of {@value #PAGE_SIZE} resources,
 * one per page and day.
 *
 * <p>Nothing is materialised per evidence item: evidence lines, raw pages and ledger records are computed when
 * iterated. Kept in memory are only what a real source keeps indexed: the sha256 of every ledger record and raw page
 * (32 bytes each), so that evidence can name its ledger hash and raw response without replaying the chain, and the
 * status history, which PeriodBundle takes as a map by design.
 */
final class SyntheticYear implements PeriodEvidence {
    static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
    static final int CHANGE_EVERY = 30;
    static final int PAGE_SIZE = 100;
    /** The slice continues a longer chain, as a real period does: it links to an earlier record, not to genesis. */
    static final long FIRST_SEQ = 500_001;
    static final String ANCHOR = "5e".repeat(32);
    private static final int LEDGER_CHUNK = 1_000;
    private static final String[] TYPES = {"aws.s3.bucket", "github.repository", "okta.user"};
    private static final String[] SOURCES = {"vigil://aws/111122223333", "vigil://github/acme", "vigil://okta/acme"};
    private static final String[] OPERATIONS = {"s3:ListBuckets", "GET /orgs/acme/repos", "GET /api/v1/users"};
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final int resources;
    final int days;
    final Period period;
    private final List<String> controlIds = new ArrayList<>();
    private final Map<String, ControlDefinition> controls = new LinkedHashMap<>();
    /** Per control (catalogue order), the resources feeding it, ascending. */
    private final int[][] resourcesOf;
    /** Seq of the first ledger record of each day. */
    private final long[] dayStartSeq;
    private final long ledgerRecords;
    private final byte[] ledgerHashes;
    private final byte[] rawHashes;
    private final Map<String, Integer> rawBySha = new HashMap<>();

    SyntheticYear(Catalogue catalogue, int resources, int days) {
        this.resources = resources;
        this.days = days;
        this.period = new Period(START, day(days));
        catalogue.controls().forEach(c -> {
            controlIds.add(c.id());
            controls.put(c.id(), c);
        });
        int n = controlIds.size();
        // Resource r feeds 1 + (r / 100) % 3 controls: r % n, then 34 and 68 further on (the same one twice only in
        // catalogues of 68 controls or fewer, hence distinct()).
        List<List<Integer>> feeding = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            feeding.add(new ArrayList<>());
        }
        for (int r = 0; r < resources; r++) {
            for (int j = 0; j < fanOut(r); j++) {
                feeding.get((r + 34 * j) % n).add(r);
            }
        }
        resourcesOf = feeding.stream().map(l -> l.stream().sorted().distinct().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);

        dayStartSeq = new long[days + 1];
        long seq = FIRST_SEQ;
        for (int d = 0; d < days; d++) {
            dayStartSeq[d] = seq;
            seq += changesOn(d);
        }
        dayStartSeq[days] = seq;
        ledgerRecords = seq - FIRST_SEQ;

        // The indexes a real evaluator and evidence store would query: computed once, before anything is timed.
        ledgerHashes = new byte[Math.toIntExact(ledgerRecords * 32)];
        Iterator<LedgerRecord> chain = ledgerRecords();
        for (int i = 0; chain.hasNext(); i++) {
            System.arraycopy(HEX.parseHex(chain.next().hash()), 0, ledgerHashes, i * 32, 32);
        }
        rawHashes = new byte[pages() * days * 32];
        MessageDigest sha = sha256();
        for (int p = 0; p < pages(); p++) {
            for (int d = 0; d < days; d++) {
                byte[] digest = sha.digest(rawPage(p, d));
                int index = p * days + d;
                System.arraycopy(digest, 0, rawHashes, index * 32, 32);
                rawBySha.put(HEX.formatHex(digest), index);
            }
        }
    }

    long ledgerRecordCount() {
        return ledgerRecords;
    }

    int pages() {
        return (resources + PAGE_SIZE - 1) / PAGE_SIZE;
    }

    long evidenceLines() {
        long lines = 0;
        for (int[] feeding : resourcesOf) {
            for (int r : feeding) {
                lines += versionAt(r, days - 1) + 1;
            }
        }
        return lines;
    }

    // --- status history ---------------------------------------------------------------------------------------

    /** One interval per control and day; about one day in 29 FAILs with 1 to 3 of the control's resources. */
    Map<String, List<StatusInterval>> history() {
        Map<String, List<StatusInterval>> history = new LinkedHashMap<>();
        for (int c = 0; c < controlIds.size(); c++) {
            String id = controlIds.get(c);
            int[] feeding = resourcesOf[c];
            List<StatusInterval> intervals = new ArrayList<>(days);
            for (int d = 0; d < days; d++) {
                Instant to = d == days - 1 ? null : day(d + 1); // the last one is still current
                if (failing(c, d) && feeding.length > 0) {
                    List<FailingResource> failures = new ArrayList<>();
                    for (int k = 0; k < 1 + (c + d) % 3 && k < feeding.length; k++) {
                        int r = feeding[(d * 7 + k * 13) % feeding.length];
                        failures.add(new FailingResource(key(r), TYPES[r % 3], ruleOf(id),
                                name(r) + " is not encrypted (version " + versionAt(r, d) + ")",
                                evidenceId(r, lastChange(r, d)), observedAt(r, d), null));
                    }
                    intervals.add(new StatusInterval(id, "FAIL", day(d), to, feeding.length, failures,
                            failures.size() + " of " + feeding.length + " failing"));
                } else {
                    intervals.add(new StatusInterval(id, "PASS", day(d), to, feeding.length, List.of(), null));
                }
            }
            history.put(id, intervals);
        }
        return history;
    }

    private static boolean failing(int control, int day) {
        return (day * 7 + control * 13) % 29 == 0;
    }

    private String ruleOf(String controlId) {
        ControlDefinition c = controls.get(controlId);
        return c.rules().isEmpty() ? "bench.manual" : c.rules().get(0).id();
    }

    // --- evidence ---------------------------------------------------------------------------------------------

    @Override
    public Iterator<ObservedEvidence> observed(String controlId, Period ignored) {
        int[] feeding = resourcesOf[controlIds.indexOf(controlId)];
        // Ledger order: day by day, and by resource within a day (as the chain was appended).
        return new Iterator<>() {
            int d = 0;
            int i = 0;
            ObservedEvidence next = advance();

            private ObservedEvidence advance() {
                while (d < days) {
                    while (i < feeding.length) {
                        int r = feeding[i++];
                        if (changesOn(r, d)) {
                            return evidence(r, d);
                        }
                    }
                    d++;
                    i = 0;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ObservedEvidence next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ObservedEvidence current = next;
                next = advance();
                return current;
            }
        };
    }

    private ObservedEvidence evidence(int r, int d) {
        long seq = seq(r, d);
        String ledgerHash = HEX.formatHex(ledgerHashes, (int) (seq - FIRST_SEQ) * 32, (int) (seq - FIRST_SEQ + 1) * 32);
        int v = versionAt(r, d);
        ObjectNode facts = NODES.objectNode();
        facts.put("name", name(r));
        facts.put("owner", "team-" + r % 20);
        facts.put("encrypted", (r + v) % 7 != 0);
        facts.put("mfa", (r + v) % 5 != 0);
        facts.put("revision", v);
        facts.putObject("settings").put("retentionDays", 30 + v).put("region", "eu-west-" + (1 + r % 3))
                .put("lastChange", day(d).toString());
        ObjectNode provenance = NODES.objectNode();
        provenance.put("operation", OPERATIONS[r % 3]);
        provenance.putObject("parameters").put("page", String.valueOf(r / PAGE_SIZE + 1));
        provenance.putNull("etag");
        provenance.put("responseSha256", rawSha(r / PAGE_SIZE, d));
        provenance.put("collector", "bench-" + TYPES[r % 3]);
        provenance.put("collectorVersion", "0.1.0");
        int next = nextChange(r, d);
        return new ObservedEvidence(seq, ledgerHash, evidenceId(r, d), SOURCES[r % 3], TYPES[r % 3], key(r), facts,
                provenance, observedAt(r, d), observedAt(r, next - 1), "run-" + d);
    }

    /** Never asked: every generated status lists all its failing resources (1 to 3). */
    @Override
    public Optional<Iterator<FailingResource>> failingResources(String controlId, Instant evaluatedAt) {
        throw new IllegalStateException("status of " + controlId + " at " + evaluatedAt + " lists all it counts");
    }

    @Override
    public Optional<InputStream> rawResponse(String sha256) {
        Integer index = rawBySha.get(sha256);
        return index == null ? Optional.empty()
                : Optional.of(new ByteArrayInputStream(rawPage(index / days, index % days)));
    }

    /** One page of a provider's list API, ~2 KB: the page's resources and their current revision. */
    byte[] rawPage(int page, int d) {
        StringBuilder json = new StringBuilder(2_400).append("{\"page\":").append(page + 1).append(",\"fetchedAt\":\"")
                .append(day(d)).append("\",\"items\":[");
        for (int r = page * PAGE_SIZE; r < Math.min(resources, (page + 1) * PAGE_SIZE); r++) {
            json.append(r == page * PAGE_SIZE ? "" : ",").append("{\"id\":\"").append(name(r)).append("\",\"rev\":")
                    .append(versionAt(r, d)).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    String rawSha(int page, int d) {
        int index = page * days + d;
        return HEX.formatHex(rawHashes, index * 32, index * 32 + 32);
    }

    // --- ledger -----------------------------------------------------------------------------------------------

    @Override
    public LedgerSlice ledger(Period ignored) {
        return new LedgerSlice(ANCHOR, FIRST_SEQ, ledgerRecords());
    }

    /** The chain, recomputed with LedgerChain.append a chunk at a time (at most 1,000 records held). */
    Iterator<LedgerRecord> ledgerRecords() {
        return new Iterator<>() {
            String prev = ANCHOR;
            long seq = FIRST_SEQ;
            int d = 0;
            int r = 0;
            Iterator<LedgerRecord> chunk = List.<LedgerRecord>of().iterator();

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && d < days) {
                    List<LedgerEntry> entries = new ArrayList<>(LEDGER_CHUNK);
                    while (entries.size() < LEDGER_CHUNK && r < resources) {
                        if (changesOn(r, d)) {
                            entries.add(new LedgerEntry(evidenceId(r, d), SOURCES[r % 3], TYPES[r % 3], key(r),
                                    observedAt(r, d)));
                        }
                        r++;
                    }
                    Instant recordedAt = day(d).plus(Duration.ofHours(1));
                    if (r == resources) {
                        d++;
                        r = 0;
                    }
                    if (!entries.isEmpty()) {
                        List<LedgerRecord> records = LedgerChain.append(prev, seq, entries, recordedAt);
                        prev = records.get(records.size() - 1).hash();
                        seq += records.size();
                        chunk = records.iterator();
                    }
                }
                return chunk.hasNext();
            }

            @Override
            public LedgerRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }

    @Override
    public List<AcceptedException> acceptedExceptions() {
        // One acceptance on every tenth control, for 60 days over its first failure of the year.
        List<AcceptedException> accepted = new ArrayList<>();
        for (int c = 0; c < controlIds.size(); c += 10) {
            for (int d = 0; d < days; d++) {
                if (failing(c, d) && resourcesOf[c].length > 0) {
                    accepted.add(new AcceptedException("bench-x" + c, controlIds.get(c), key(resourcesOf[c][0]),
                            "cto@acme.example", "cto@acme.example", "ciso@acme.example", "a migration is scheduled",
                            day(d), day(d + 60), null, null, null));
                    break;
                }
            }
        }
        return accepted;
    }

    // --- the shape of the year --------------------------------------------------------------------------------

    private static int fanOut(int r) {
        return 1 + (r / 100) % 3;
    }

    /** Day 0 records every resource; later, a resource changes on the days d with d % 30 == r % 30. */
    private boolean changesOn(int r, int d) {
        return d == 0 || d % CHANGE_EVERY == r % CHANGE_EVERY;
    }

    private long changesOn(int d) {
        if (d == 0) {
            return resources;
        }
        int residue = d % CHANGE_EVERY;
        return residue >= resources ? 0 : (resources - residue + CHANGE_EVERY - 1) / CHANGE_EVERY;
    }

    private long seq(int r, int d) {
        return dayStartSeq[d] + (d == 0 ? r : r / CHANGE_EVERY);
    }

    /** How many changes the resource has had by the end of day d. */
    private int versionAt(int r, int d) {
        int first = r % CHANGE_EVERY == 0 ? CHANGE_EVERY : r % CHANGE_EVERY;
        return d < first ? 0 : (d - first) / CHANGE_EVERY + 1;
    }

    private int lastChange(int r, int d) {
        while (!changesOn(r, d)) {
            d--;
        }
        return d;
    }

    private int nextChange(int r, int d) {
        int next = d + 1;
        while (next < days && !changesOn(r, next)) {
            next++;
        }
        return next;
    }

    private static String name(int r) {
        return "bench-" + String.format("%05d", r);
    }

    private static String key(int r) {
        return switch (r % 3) {
            case 0 -> "aws:111122223333:s3:" + name(r);
            case 1 -> "github:acme/" + name(r);
            default -> "okta:acme:" + name(r);
        };
    }

    /** A stable, unique 64-hex id per evidence version (splitmix64 of the resource and day). */
    private static String evidenceId(int r, int d) {
        StringBuilder id = new StringBuilder(71).append("sha256:");
        long x = ((long) r << 20) | d;
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            id.append(HEX.toHexDigits(z ^ (z >>> 31)));
        }
        return id.toString();
    }

    /** Observed at a resource-specific second of the day, so times differ as a collection run's do. */
    private Instant observedAt(int r, int d) {
        return day(d).plusSeconds(r % 3_600);
    }

    static Instant day(int d) {
        return START.plus(Duration.ofDays(d));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
