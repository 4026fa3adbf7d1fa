package dev.vigil.report.bundle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for the control evaluator's bundle API on a free local port (the JDK's HTTP server): no evidence, no
 * ledger records, no risk acceptances, as the evaluator answers for an organisation with nothing recorded. The
 * bundle's status history comes from report-service's own PostgreSQL. One control, {@link #CUT_CONTROL}, fails for
 * {@link #CUT_COUNT} IAM users in every status: the evaluator's complete list, served page by page.
 */
public class StandInEvaluator implements QuarkusTestResourceLifecycleManager {
    public static final String CUT_CONTROL = "LS-16";
    public static final int CUT_COUNT = 2_345;
    private HttpServer server;

    /** The i-th failing resource of {@link #CUT_CONTROL}, in the evaluator's order. */
    public static dev.vigil.common.evidence.FailingResource failing(int i) {
        return new dev.vigil.common.evidence.FailingResource("aws:111122223333:iam:user/user-%05d".formatted(i),
                "aws.iam.user", "aws.iam.console-user-mfa", "user-%05d signs in without MFA".formatted(i),
                "sha256:" + "a".repeat(64), java.time.Instant.parse("2026-01-01T00:00:00Z"), null);
    }

    private static final StandInLedger LEDGER = new StandInLedger();

    /** What the evaluator's ledger API answers for one chain of two records and one signed checkpoint. */
    static final class StandInLedger {
        private static final String CHAIN = dev.vigil.common.ledger.LedgerChains.ofPartition("vigil.evidence.v1", 0);
        private final java.security.KeyPair key = dev.vigil.common.signing.Ed25519Keys.generate();
        private final java.util.List<dev.vigil.common.ledger.LedgerRecord> records;
        private final dev.vigil.common.ledger.LedgerCheckpoint checkpoint;

        StandInLedger() {
            java.time.Instant at = java.time.Instant.parse("2026-01-02T00:00:00Z");
            records = dev.vigil.common.ledger.LedgerChain.append(
                    dev.vigil.common.ledger.LedgerChains.genesis(CHAIN), 1, java.util.List.of(
                            new dev.vigil.common.ledger.LedgerEntry("sha256:" + "1".repeat(64), "vigil://aws/1",
                                    "aws.s3.bucket", "aws:1:s3:a", at),
                            new dev.vigil.common.ledger.LedgerEntry("sha256:" + "2".repeat(64), "vigil://aws/1",
                                    "aws.s3.bucket", "aws:1:s3:b", at)), at);
            dev.vigil.common.ledger.LedgerRecord last = records.get(1);
            checkpoint = dev.vigil.common.ledger.LedgerCheckpoint.next(null, java.util.List.of(
                            new dev.vigil.common.ledger.LedgerCheckpoint.Head(CHAIN, last.seq(), last.hash())),
                    at.plusSeconds(60), new dev.vigil.common.signing.EventSigner(key.getPrivate(), "stand-in-evaluator"));
        }

        String segment() {
            StringBuilder json = new StringBuilder("{\"chain\":\"" + CHAIN + "\",\"anchorPrevHash\":\""
                    + dev.vigil.common.ledger.LedgerChains.genesis(CHAIN) + "\",\"records\":[");
            for (int i = 0; i < records.size(); i++) {
                var r = records.get(i);
                json.append(i == 0 ? "" : ",").append("{\"seq\":").append(r.seq())
                        .append(",\"evidenceId\":\"").append(r.evidenceId()).append("\",\"source\":\"")
                        .append(r.source()).append("\",\"resourceType\":\"").append(r.resourceType())
                        .append("\",\"resourceKey\":\"").append(r.resourceKey()).append("\",\"observedAt\":\"")
                        .append(r.observedAt()).append("\",\"recordedAt\":\"").append(r.recordedAt())
                        .append("\",\"prevHash\":\"").append(r.prevHash()).append("\",\"hash\":\"")
                        .append(r.hash()).append("\"}");
            }
            return json.append("],\"nextAfter\":null}").toString();
        }

        String chains() {
            var last = records.get(1);
            return "[{\"chain\":\"" + CHAIN + "\",\"anchorSeq\":0,\"anchorPrevHash\":\""
                    + dev.vigil.common.ledger.LedgerChains.genesis(CHAIN) + "\",\"headSeq\":" + last.seq()
                    + ",\"headHash\":\"" + last.hash() + "\"}]";
        }

        String checkpoints() {
            var c = checkpoint;
            var h = c.heads().get(0);
            return "[{\"seq\":" + c.seq() + ",\"createdAt\":\"" + c.createdAt() + "\",\"heads\":[{\"chain\":\""
                    + h.chain() + "\",\"seq\":" + h.seq() + ",\"hash\":\"" + h.hash() + "\"}],\"prevHash\":\""
                    + c.prevHash() + "\",\"keyId\":\"" + c.keyId() + "\",\"hash\":\"" + c.hash()
                    + "\",\"signature\":\"" + c.signature() + "\"}]";
        }

        String key() {
            return "{\"keyId\":\"stand-in-evaluator\",\"publicKey\":\""
                    + dev.vigil.common.signing.Ed25519Keys.pem(key.getPublic()).replace("\n", "\\n") + "\"}";
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/evidence", ex -> answer(ex, "{\"items\":[],\"nextAfter\":null}"));
        // A ledger of one partition's chain (two records) and a checkpoint signed by the evaluator's key, whatever
        // the period: every bundle then carries the ledger's shape of several chains and verifies with it.
        server.createContext("/api/ledger", ex -> answer(ex, LEDGER.segment()));
        server.createContext("/api/ledger/chains", ex -> answer(ex, LEDGER.chains()));
        server.createContext("/api/ledger/checkpoints", ex -> answer(ex, LEDGER.checkpoints()));
        server.createContext("/api/ledger/checkpoint-key", ex -> answer(ex, LEDGER.key()));
        server.createContext("/api/ledger/decisions", ex -> answer(ex, "[]"));
        server.createContext("/api/exceptions", ex -> answer(ex, "[]"));
        server.createContext("/api/controls/", StandInEvaluator::failingResources);
        server.start();
        return Map.of("vigil.bundles.evaluator-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** GET /api/controls/{id}/failing-resources?offset=&limit=[&evaluatedAt=], as the evaluator pages it. */
    private static void failingResources(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/api/controls/" + CUT_CONTROL + "/failing-resources")) {
            answer(ex, 404, "{\"status\":404,\"error\":\"no status of this control was published\"}");
            return;
        }
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : ex.getRequestURI().getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        java.util.List<dev.vigil.common.evidence.FailingResource> page = new java.util.ArrayList<>();
        for (int i = offset; i < Math.min(CUT_COUNT, offset + limit); i++) {
            page.add(failing(i));
        }
        int next = offset + page.size();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("controlId", CUT_CONTROL);
        body.put("failingResourceCount", CUT_COUNT);
        body.put("offset", offset);
        body.put("failingResources", page);
        body.put("nextOffset", next < CUT_COUNT && !page.isEmpty() ? next : null);
        answer(ex, 200, dev.vigil.common.evidence.EventCodec.mapper().writeValueAsString(body));
    }

    private static void answer(HttpExchange ex, String body) throws IOException {
        answer(ex, 200, body);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
