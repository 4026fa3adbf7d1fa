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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a period's evidence and ledger from the control evaluator's API ({@code /api/evidence}, {@code /api/ledger},
 * {@code /api/exceptions}, {@code /api/controls/{id}/failing-resources}) page by page, and raw responses from the
 * shared evidence store.
 */
public final class EvaluatorPeriodEvidence implements PeriodEvidence {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final int pageSize;
    private final EvidenceStore store;

    public EvaluatorPeriodEvidence(HttpClient http, String baseUrl, Duration timeout, int pageSize,
                                   EvidenceStore store) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.pageSize = pageSize;
        this.store = store;
    }

    @Override
    public Iterator<ObservedEvidence> observed(String controlId, Period period) {
        String query = "/api/evidence?control=" + enc(controlId) + "&from=" + period.from() + "&to=" + period.to()
                + "&limit=" + pageSize + "&after=";
        return new Pages<>(after -> {
            JsonNode page = get(query + after);
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
        return get("/api/controls/" + enc(controlId) + "/failing-resources?offset=" + offset + "&limit=" + limit
                + (evaluatedAt == null ? "" : "&evaluatedAt=" + evaluatedAt), true);
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
        JsonNode chains = get("/api/ledger/chains?from=" + period.from());
        if (!chains.isArray()) { // a bundle names folders by them: anything else must stop it
            throw new IllegalStateException("GET /api/ledger/chains answered " + chains.getNodeType()
                    + ", not a list of chains");
        }
        for (JsonNode chain : chains) {
            String name = chain.path("chain").asText();
            String query = "/api/ledger?chain=" + enc(name) + "&from=" + period.from() + "&to=" + period.to()
                    + "&limit=" + pageSize + "&after=";
            long anchorSeq = chain.path("anchorSeq").asLong();
            // paged by seq, starting after the anchor: a page is fetched only when the bundle writes that chain
            out.add(new ChainSlice(name, chain.path("anchorPrevHash").asText(), anchorSeq + 1,
                    new Pages<>(after -> ledgerPage(query + (after == 0 ? anchorSeq : after)))));
        }
        return out;
    }

    @Override
    public List<LedgerCheckpoint> checkpoints(Period period) {
        List<LedgerCheckpoint> out = new ArrayList<>();
        for (JsonNode c : get("/api/ledger/checkpoints?from=" + period.from() + "&to=" + period.to())) {
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
        JsonNode key = get("/api/ledger/checkpoint-key", true);
        if (key == null) {
            return Map.of();
        }
        return Map.of(key.path("keyId").asText(), Ed25519Keys.parsePublicKey(key.path("publicKey").asText(),
                "the control evaluator's checkpoint key"));
    }

    private Page<LedgerRecord> ledgerPage(String url) {
        JsonNode page = get(url);
        return new Page<>(records(page), next(page));
    }

    @Override
    public List<AcceptedException> acceptedExceptions() {
        List<AcceptedException> out = new ArrayList<>();
        for (JsonNode e : get("/api/exceptions")) {
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
        JsonNode answer = get(path);
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

    private JsonNode get(String pathAndQuery) {
        return get(pathAndQuery, false);
    }

    /** The JSON answer to GET; null for a 404 if {@code notFoundIsNull}, any other non-200 is unavailable. */
    private JsonNode get(String pathAndQuery, boolean notFoundIsNull) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404 && notFoundIsNull) {
                    return null;
                }
                if (response.statusCode() != 200) {
                    String text = new String(body.readNBytes(500), StandardCharsets.UTF_8);
                    throw new UnavailableException("the control evaluator answered " + response.statusCode()
                            + " to GET " + uri + ": " + text, null);
                }
                return JSON.readTree(body);
            }
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + uri + " from the control evaluator: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while reading " + uri, e);
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
