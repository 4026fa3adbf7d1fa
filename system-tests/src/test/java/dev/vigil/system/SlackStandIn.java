package dev.vigil.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A Slack incoming webhook for the fault suite: answers as Slack does (200 "ok"), or is down (503), or rate-limits
 * (429 with Retry-After), and keeps every message it accepted, so the suite counts messages per control.
 */
final class SlackStandIn implements AutoCloseable {
    enum Mode { UP, DOWN, RATE_LIMITED }

    private final HttpServer server;
    private final List<String> accepted = new ArrayList<>();
    /** When each of {@link #accepted} arrived, in the same order (the latency benchmark's last hop). */
    private final List<Instant> acceptedAt = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile Mode mode = Mode.UP;

    SlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/services/", this::handle);
        server.start();
    }

    /** Shaped like a real incoming webhook URL (a secret in production). */
    URI webhook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0FAULTS/B0FAULTS/suite");
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Mode now = mode;
        if (now == Mode.UP) {
            synchronized (accepted) {
                accepted.add(body);
                acceptedAt.add(Instant.now());
            }
            answer(exchange, 200, "ok");
        } else if (now == Mode.RATE_LIMITED) {
            refused.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "1");
            answer(exchange, 429, "rate_limited");
        } else {
            refused.incrementAndGet();
            answer(exchange, 503, "service_unavailable");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Messages accepted so far. */
    int accepted() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    /** Messages accepted from index {@code from} on that name the control. */
    long acceptedAbout(String controlId, int from) {
        Pattern page = Pattern.compile("(?<![0-9A-Za-z-])" + Pattern.quote(controlId) + "(?![0-9A-Za-z-])");
        synchronized (accepted) {
            return accepted.subList(from, accepted.size()).stream().filter(m -> page.matcher(m).find()).count();
        }
    }

    /** When the first message from index {@code from} on that names the control arrived, if one did. */
    Optional<Instant> firstAbout(String controlId, int from) {
        Pattern page = Pattern.compile("(?<![0-9A-Za-z-])" + Pattern.quote(controlId) + "(?![0-9A-Za-z-])");
        synchronized (accepted) {
            for (int i = from; i < accepted.size(); i++) {
                if (page.matcher(accepted.get(i)).find()) {
                    return Optional.of(acceptedAt.get(i));
                }
            }
        }
        return Optional.empty();
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
