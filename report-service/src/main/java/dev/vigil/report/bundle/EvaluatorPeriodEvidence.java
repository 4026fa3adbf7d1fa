package dev.vigil.report.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.ledger.LedgerCheckpoint;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.common.signing.Ed25519Keys;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.report.period.Period;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a period's evidence and ledger from the control evaluator's API ({@code /api/evidence}, {@code /api/ledger},
 * {@code /api/exceptions}, {@code /api/controls/{id}/failing-resources}) page by page, and raw responses from the
 * shared evidence store.
 */
public final class EvaluatorPeriodEvidence implements PeriodEvidence {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final EvaluatorLedgerApi evaluator;
    private final String baseUrl;
    private final int pageSize;
    private final EvidenceStore store;

    /** @param baseUrl where {@code evaluator} points, as messages name it */
    public EvaluatorPeriodEvidence(EvaluatorLedgerApi evaluator, String baseUrl, int pageSize, EvidenceStore store) {
        this.evaluator = evaluator;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.pageSize = pageSize;
        this.store = store;
    }

    @Override
    public Iterator<ObservedEvidence> observed(String controlId, Period period) {
        return new Pages<>(after -> {
            JsonNode page = read("/api/evidence?control=" + enc(controlId) + "&from=" + period.from() + "&to="
                    + period.to() + "&limit=" + pageSize + "&after=" + after, () -> evaluator.evidence(controlId,
                    period.from().toString(), period.to().toString(), pageSize, after), false);
            List<ObservedEvidence> items = new ArrayList<>();
            for (JsonNode item : page.path("items")) {
                items.add(JSON.convertValue(item, ObservedEvidence.class));
            }
            return new Page<>(items, page.path("nextAfter").isNumber() ? page.get("nextAfter").asLong() : null);
        });
    }

    @Override
    public Optional<Iterator<FailingResource>> failingResources(String controlId, Instant evaluatedAt) {
        // Whether the evaluator keeps the list is asked with one resource, so that a bundle holding many such
        // statuses open at once keeps no pages in memory before it writes them.
        if (failingResourcesPage(controlId, evaluatedAt, 0, 1) == null) {
            return Optional.empty();
        }
        return Optional.of(new Pages<>(offset -> failingResources(
                failingResourcesPage(controlId, evaluatedAt, Math.toIntExact(offset), pageSize))));
    }

    private static Page<FailingResource> failingResources(JsonNode page) {
        if (page == null) {
            throw new UnavailableException("the control evaluator no longer answers the next page of failing "
                    + "resources", null);
        }
        List<FailingResource> items = new ArrayList<>();
        for (JsonNode item : page.path("failingResources")) {
            items.add(JSON.convertValue(item, FailingResource.class));
        }
        return new Page<>(items, page.path("nextOffset").isNumber() ? page.get("nextOffset").asLong() : null);
    }

    /**
     * One page of the failing resources of the control's status published at {@code evaluatedAt} (its current status
     * when null), as the evaluator answers it: {@code failingResourceCount}, {@code failingResources},
     * {@code nextOffset}; null when the evaluator keeps no such status (404).
     */
    public JsonNode failingResourcesPage(String controlId, Instant evaluatedAt, int offset, int limit) {
        return read("/api/controls/" + enc(controlId) + "/failing-resources?offset=" + offset + "&limit=" + limit
                + (evaluatedAt == null ? "" : "&evaluatedAt=" + evaluatedAt), () -> evaluator.failingResources(
                controlId, offset, limit, evaluatedAt == null ? null : evaluatedAt.toString()), true);
    }

    @Override
    public Optional<InputStream> rawResponse(String sha256) {
        return store.get(sha256).map(ByteArrayInputStream::new);
    }

    /** The evaluator keeps one chain per partition ({@link #ledgerChains}): no single chain to give. */
    @Override
    public LedgerSlice ledger(Period period) {
        return new LedgerSlice(null, 0, List.<LedgerRecord>of().iterator());
    }

    @Override
    public List<ChainSlice> ledgerChains(Period period) {
        List<ChainSlice> out = new ArrayList<>();
        JsonNode chains = read("/api/ledger/chains?from=" + period.from(),
                () -> evaluator.ledgerChains(period.from().toString()), false);
        if (!chains.isArray()) { // a bundle names folders by them: anything else must stop it
            throw new IllegalStateException("GET /api/ledger/chains answered " + chains.getNodeType()
                    + ", not a list of chains");
        }
        for (JsonNode chain : chains) {
            String name = chain.path("chain").asText();
            long anchorSeq = chain.path("anchorSeq").asLong();
            // paged by seq, starting after the anchor: a page is fetched only when the bundle writes that chain
            out.add(new ChainSlice(name, chain.path("anchorPrevHash").asText(), anchorSeq + 1,
                    new Pages<>(after -> ledgerPage(name, period, after == 0 ? anchorSeq : after))));
        }
        return out;
    }

    @Override
    public List<LedgerCheckpoint> checkpoints(Period period) {
        List<LedgerCheckpoint> out = new ArrayList<>();
        for (JsonNode c : read("/api/ledger/checkpoints?from=" + period.from() + "&to=" + period.to(),
                () -> evaluator.checkpoints(period.from().toString(), period.to().toString()), false)) {
            List<LedgerCheckpoint.Head> heads = new ArrayList<>();
            c.path("heads").forEach(h -> heads.add(new LedgerCheckpoint.Head(h.path("chain").asText(),
                    h.path("seq").asLong(), h.path("hash").asText())));
            out.add(new LedgerCheckpoint(c.path("seq").asLong(), Instant.parse(c.path("createdAt").asText()), heads,
                    c.path("prevHash").asText(), c.path("keyId").asText(), c.path("hash").asText(),
                    text(c, "signature")));
        }
        return out;
    }

    /** The key the evaluator signs checkpoints with (its event key); none when it signs nothing. */
    @Override
    public Map<String, PublicKey> checkpointKeys() {
        JsonNode key = read("/api/ledger/checkpoint-key", evaluator::checkpointKey, true);
        if (key == null) {
            return Map.of();
        }
        return Map.of(key.path("keyId").asText(), Ed25519Keys.parsePublicKey(key.path("publicKey").asText(),
                "the control evaluator's checkpoint key"));
    }

    private Page<LedgerRecord> ledgerPage(String chain, Period period, long after) {
        JsonNode page = read("/api/ledger?chain=" + enc(chain) + "&from=" + period.from() + "&to=" + period.to()
                + "&limit=" + pageSize + "&after=" + after, () -> evaluator.ledger(chain, period.from().toString(),
                period.to().toString(), pageSize, after), false);
        return new Page<>(records(page), next(page));
    }

    @Override
    public List<AcceptedException> acceptedExceptions() {
        List<AcceptedException> out = new ArrayList<>();
        for (JsonNode e : read("/api/exceptions", evaluator::exceptions, false)) {
            out.add(new AcceptedException(e.path("id").asText(), e.path("controlId").asText(),
                    text(e, "resourceKey"), e.path("owner").asText(), text(e, "requestedBy"), text(e, "approvedBy"),
                    e.path("justification").asText(), Instant.parse(e.path("createdAt").asText()),
                    Instant.parse(e.path("expiresAt").asText()),
                    e.path("revokedAt").isTextual() ? Instant.parse(e.get("revokedAt").asText()) : null,
                    text(e, "revokedBy"), text(e, "revocationApprovedBy")));
        }
        return out;
    }

    @Override
    public List<DecisionDocument> decisions(Period period) {
        List<DecisionDocument> out = new ArrayList<>();
        String path = "/api/ledger/decisions?from=" + period.from() + "&to=" + period.to();
        JsonNode answer = read(path, () -> evaluator.decisions(period.from().toString(), period.to().toString()),
                false);
        // A bundle names each document by its hash: anything but a list of documents must stop it, not name files.
        if (!answer.isArray()) {
            throw new IllegalStateException("GET " + path + " answered " + answer.getNodeType()
                    + ", not a list of decision documents");
        }
        for (JsonNode d : answer) {
            if (!d.path("evidenceId").isTextual() || !d.path("document").isTextual()) {
                throw new IllegalStateException("GET " + path + " answered a decision without evidenceId or document: "
                        + d);
            }
            out.add(new DecisionDocument(d.path("seq").asLong(), d.path("evidenceId").asText(),
                    d.path("document").asText()));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }

    private static List<LedgerRecord> records(JsonNode page) {
        List<LedgerRecord> out = new ArrayList<>();
        for (JsonNode r : page.path("records")) {
            out.add(new LedgerRecord(r.path("seq").asLong(), r.path("evidenceId").asText(), r.path("source").asText(),
                    r.path("resourceType").asText(), r.path("resourceKey").asText(),
                    Instant.parse(r.path("observedAt").asText()), Instant.parse(r.path("recordedAt").asText()),
                    r.path("prevHash").asText(), r.path("hash").asText()));
        }
        return out;
    }

    private static Long next(JsonNode page) {
        return page.path("nextAfter").isNumber() ? page.get("nextAfter").asLong() : null;
    }

    /**
     * The JSON answer of one call of the evaluator ({@code pathAndQuery}: what it asks, as messages name it); null
     * for a 404 if {@code notFoundIsNull}; any other answer than 200, or none, is unavailable.
     */
    private JsonNode read(String pathAndQuery, Supplier<Response> call, boolean notFoundIsNull) {
        String uri = baseUrl + pathAndQuery;
        try (Response response = answer(call); InputStream body = response.readEntity(InputStream.class)) {
            if (response.getStatus() == 404 && notFoundIsNull) {
                return null;
            }
            if (response.getStatus() != 200) {
                String text = body == null ? "" : new String(body.readNBytes(500), StandardCharsets.UTF_8);
                throw new UnavailableException("the control evaluator answered " + response.getStatus()
                        + " to GET " + uri + ": " + text, null);
            }
            return JSON.readTree(body);
        } catch (IOException | ProcessingException e) {
            throw new UnavailableException("cannot read " + uri + " from the control evaluator: " + e, e);
        }
    }

    /** The answer as it came: the REST Client throws on an error status, with the answer inside. */
    private static Response answer(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Page<T>(List<T> items, Long nextAfter) {
    }

    /** Fetches the next page only when the previous one is used up. */
    private static final class Pages<T> implements Iterator<T> {
        private final Function<Long, Page<T>> fetch;
        private Iterator<T> current = List.<T>of().iterator();
        private Long nextAfter = 0L;

        Pages(Function<Long, Page<T>> fetch) {
            this.fetch = fetch;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && nextAfter != null) {
                Page<T> page = fetch.apply(nextAfter);
                current = page.items().iterator();
                nextAfter = page.nextAfter();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
