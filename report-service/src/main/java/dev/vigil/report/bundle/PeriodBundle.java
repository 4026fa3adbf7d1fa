package dev.vigil.report.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.bundle.BundleMetadata;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleSigningKeys;
import dev.vigil.bundle.BundleSummary;
import dev.vigil.bundle.BundleWriter;
import dev.vigil.bundle.LedgerCheckpointsFile;
import dev.vigil.bundle.LedgerSegment;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.commitments.Commitment;
import dev.vigil.report.commitments.CommitmentRegistry;
import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.period.Period;
import dev.vigil.report.period.PeriodSummary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes the evidence bundle of one observation period (layout: docs/bundles.md), streaming: the status history of
 * every control is in memory (a few intervals per control and day), but evidence and ledger records pass through
 * page by page and only their counts and raw-response hashes are kept.
 *
 * <p>Order of the files: {@code controls/<id>/status-history.json} (every interval with its complete list of failing
 * resources: where the status event listed only the first, the rest is read from the evaluator page by page while
 * the file is written) and {@code controls/<id>/evidence.jsonl} per control, {@code evidence/raw/<sha256>.json} once per raw response any of them names, the ledger segment, then
 * {@code controls.csv}, {@code risk-acceptances.csv}, {@code summary.html}, {@code summary.pdf} and {@code oscal/assessment-results.json}, which
 * need the counts; the writer adds the key, the manifest and its signature last.
 */
public final class PeriodBundle {
    public static final String GENERATOR = "vigil-report-service";
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final Catalogue catalogue;
    private final CommitmentRegistry commitments;
    private final BundleSigningKeys keys;
    private final String generatorVersion;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    /** Bundles signed with one key, valid at any time. */
    public PeriodBundle(Catalogue catalogue, CommitmentRegistry commitments, BundleSigner signer,
                        String generatorVersion) {
        this(catalogue, commitments, BundleSigningKeys.single(signer), generatorVersion);
    }

    /** Each bundle signed with the newest key of {@code keys} valid at its creation time. */
    public PeriodBundle(Catalogue catalogue, CommitmentRegistry commitments, BundleSigningKeys keys,
                        String generatorVersion) {
        this.catalogue = catalogue;
        this.commitments = commitments;
        this.keys = keys;
        this.generatorVersion = generatorVersion;
    }

    /**
     * Writes the bundle to {@code target} (left open). A failure part-way leaves a ZIP without manifest or signature,
     * which no verifier accepts.
     *
     * @param history  every control's status intervals overlapping the period, by control id
     * @param accepted every risk acceptance recorded ({@link PeriodEvidence#acceptedExceptions()}, read by the caller
     *                 before the first byte is sent); those not in force during the period are left out
     */
    public BundleSummary write(OutputStream target, Period period, Map<String, List<StatusInterval>> history,
                               List<AcceptedException> accepted, PeriodEvidence evidence, Instant createdAt)
            throws IOException {
        BundleMetadata metadata = new BundleMetadata(GENERATOR, generatorVersion, catalogue.version(), period.from(),
                period.to(), createdAt);
        List<AcceptedException> inPeriod = accepted.stream()
                .filter(a -> a.overlaps(period.from(), period.to())).toList();
        BundleSigner signer = keys.signerAt(createdAt);
        try (BundleWriter bundle = BundleWriter.open(target, signer, metadata)) {
            TreeSet<String> rawResponses = new TreeSet<>();
            List<BundleReport.ControlRow> rows = new ArrayList<>();
            for (ControlDefinition control : catalogue.controls()) {
                String folder = "controls/" + UNSAFE.matcher(control.id()).replaceAll("_");
                List<StatusInterval> intervals = history.getOrDefault(control.id(), List.of());
                PeriodSummary summary = PeriodSummary.of(control.id(), intervals, period);
                List<AcceptedException> ofControl = inPeriod.stream()
                        .filter(a -> a.controlId().equals(control.id())).toList();
                bundle.addFile(folder + "/status-history.json", "application/json",
                        out -> json.writerWithDefaultPrettyPrinter().writeValue(out,
                                statusHistory(control, summary, intervals, ofControl, period, evidence)));
                long[] items = {0};
                bundle.addFile(folder + "/evidence.jsonl", "application/x-ndjson", out -> {
                    Iterator<ObservedEvidence> observed = evidence.observed(control.id(), period);
                    while (observed.hasNext()) {
                        ObservedEvidence e = observed.next();
                        String sha = e.responseSha256();
                        if (sha != null) {
                            rawResponses.add(sha);
                        }
                        rawResponses.addAll(e.supportingSha256s());
                        out.write(evidenceLine(e, sha).getBytes(StandardCharsets.UTF_8));
                        items[0]++;
                    }
                });
                rows.add(new BundleReport.ControlRow(control, summary, ofControl, items[0], folder));
            }

            List<String> missing = new ArrayList<>();
            for (String sha : rawResponses) {
                Optional<InputStream> raw = evidence.rawResponse(sha);
                if (raw.isEmpty()) {
                    missing.add(sha);
                    continue;
                }
                try (InputStream in = raw.get()) {
                    bundle.addFile(rawPath(sha), "application/json", in);
                }
            }
            if (!missing.isEmpty()) {
                bundle.addFile("evidence/raw/MISSING.txt", "text/plain", out -> {
                    out.write(("Raw responses named by evidence in this bundle that the evidence store no longer "
                            + "holds (sha256, one per line):\n").getBytes(StandardCharsets.UTF_8));
                    for (String sha : missing) {
                        out.write((sha + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                });
            }

            // Each risk acceptance and scoping decision of the period, as the ledger hashed it: the file's sha256 is
            // the hex of its ledger record's evidenceId, so an auditor ties requester and approver to the chain.
            for (PeriodEvidence.DecisionDocument d : evidence.decisions(period)) {
                byte[] document = d.document().getBytes(StandardCharsets.UTF_8);
                bundle.addFile(decisionPath(d.evidenceId()), "application/json", out -> out.write(document));
            }

            // One chain per partition, each with its anchor, and the signed checkpoints that bind them; the
            // single-chain form only for a source that has one chain.
            long ledgerRecords = 0;
            List<PeriodEvidence.ChainSlice> chains = evidence.ledgerChains(period);
            if (!chains.isEmpty()) {
                List<LedgerCheckpoint> checkpoints = evidence.checkpoints(period);
                for (PeriodEvidence.ChainSlice chain : chains) {
                    ledgerRecords += LedgerSegment.writeChain(bundle, chain.chain(), chain.anchorPrevHash(),
                            chain.firstSeq(), chain.records()).recordCount();
                }
                LedgerCheckpointsFile.write(bundle, checkpoints, evidence.checkpointKeys());
            } else {
                PeriodEvidence.LedgerSlice ledger = evidence.ledger(period);
                ledgerRecords = ledger.isEmpty() ? 0
                        : LedgerSegment.write(bundle, ledger.anchorPrevHash(), ledger.firstSeq(), ledger.records())
                        .recordCount();
            }

            BundleReport report = new BundleReport(period, createdAt, GENERATOR + " " + generatorVersion,
                    catalogue.version(), signer.keyId(), rows, commitmentRows(rows), ledgerRecords, missing.size());
            bundle.addFile("controls.csv", "text/csv", out -> ControlsCsv.write(report, out));
            bundle.addFile("risk-acceptances.csv", "text/csv", out -> RiskAcceptancesCsv.write(report, out));
            bundle.addFile("summary.html", "text/html", out -> SummaryHtml.write(report, out));
            bundle.addFile("summary.pdf", "application/pdf", out -> SummaryPdf.write(report, out));
            bundle.addFile("oscal/assessment-results.json", "application/json",
                    out -> json.writerWithDefaultPrettyPrinter().writeValue(out, OscalAssessmentResults.of(report)));
            return bundle.finish();
        }
    }

    /** {@code decisions/<hex>.json} for the ledger evidenceId {@code sha256:<hex>}. */
    static String decisionPath(String evidenceId) {
        return dev.vigil.bundle.BundleLayout.decisionPath(evidenceId);
    }

    static String rawPath(String sha256) {
        return "evidence/raw/" + sha256 + ".json";
    }

    private Map<String, Object> statusHistory(ControlDefinition control, PeriodSummary summary,
                                              List<StatusInterval> intervals, List<AcceptedException> accepted,
                                              Period period, PeriodEvidence evidence) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("controlId", control.id());
        doc.put("title", control.title());
        doc.put("period", Map.of("from", period.from(), "to", period.to()));
        doc.put("summary", summary);
        // Intervals are cut to the period: nothing before its start or after its end is shown.
        doc.put("intervals", intervals.stream().flatMap(i -> period.clip(i).stream()).map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status", c.interval().status());
            row.put("from", c.from());
            row.put("to", c.to());
            row.put("ongoing", c.ongoing());
            row.put("resourcesInScope", c.interval().resourcesInScope());
            row.put("failingResourceCount", c.interval().failingResourceCount());
            // An auditor gets every failing resource, not the first the event listed: read (lazily, as the file is
            // written) from the evaluator, which keeps the whole list of every status it published. A status whose
            // evaluation was rolled back after it was published has no list there: its listed ones are all there is,
            // and the interval says so rather than stop every bundle of the period.
            Optional<Iterator<FailingResource>> whole = c.interval().failingResourcesCut()
                    ? evidence.failingResources(control.id(), c.interval().from()) : Optional.empty();
            row.put("failingResourcesComplete", !c.interval().failingResourcesCut() || whole.isPresent());
            row.put("failingResources", whole.<Object>map(all -> new Complete(all, c.interval()))
                    .orElse(c.interval().failingResources()));
            row.put("reason", c.interval().reason());
            return row;
        }).toList());
        doc.put("acceptedExceptions", accepted);
        return doc;
    }

    /**
     * The evaluator's complete list of an interval's failing resources, which must hold exactly as many as the status
     * counted: anything else stops the bundle (no manifest, no signature) instead of handing an auditor a short list.
     */
    private static final class Complete implements Iterator<FailingResource> {
        private final Iterator<FailingResource> all;
        private final StatusInterval interval;
        private int seen;

        Complete(Iterator<FailingResource> all, StatusInterval interval) {
            this.all = all;
            this.interval = interval;
        }

        @Override
        public boolean hasNext() {
            boolean more = all.hasNext();
            if (more ? seen == interval.failingResourceCount() : seen != interval.failingResourceCount()) {
                throw new IllegalStateException("the control evaluator lists " + (more ? "more than " : "") + seen
                        + " failing resources of the status of " + interval.controlId() + " evaluated at "
                        + interval.from() + ", which counted " + interval.failingResourceCount());
            }
            return more;
        }

        @Override
        public FailingResource next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            seen++;
            return all.next();
        }
    }

    private String evidenceLine(ObservedEvidence e, String sha) throws IOException {
        ObjectNode line = json.createObjectNode();
        line.put("evidenceId", e.evidenceId());
        ObjectNode ledger = line.putObject("ledger");
        if (e.chain() != null) {
            ledger.put("chain", e.chain());
        }
        ledger.put("seq", e.seq()).put("hash", e.ledgerHash());
        line.put("source", e.source());
        line.put("resourceType", e.resourceType());
        line.put("resourceKey", e.resourceKey());
        line.put("firstObservedAt", e.firstObservedAt().toString());
        line.put("lastObservedAt", e.lastObservedAt().toString());
        line.put("firstRunId", e.firstRunId());
        line.set("facts", e.facts());
        line.set("provenance", e.provenance());
        if (sha == null) {
            line.putNull("rawResponse");
        } else {
            line.put("rawResponse", rawPath(sha));
        }
        List<String> supporting = e.supportingSha256s();
        if (!supporting.isEmpty()) {
            // the further answers the provenance cites in "supporting", in the same order
            ArrayNode paths = line.putArray("supportingRawResponses");
            supporting.forEach(other -> paths.add(rawPath(other)));
        }
        return json.writeValueAsString(line) + "\n";
    }

    private List<BundleReport.CommitmentRow> commitmentRows(List<BundleReport.ControlRow> rows) {
        Map<String, Double> share = new LinkedHashMap<>();
        rows.forEach(r -> share.put(r.control().id(), r.summary().passShare()));
        List<BundleReport.CommitmentRow> out = new ArrayList<>();
        for (Commitment c : commitments.commitments()) {
            Map<String, Double> backing = new LinkedHashMap<>();
            c.controls().forEach(b -> backing.put(b.control(), share.get(b.control())));
            out.add(new BundleReport.CommitmentRow(c, backing));
        }
        return out;
    }
}
