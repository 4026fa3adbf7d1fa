package dev.vigil.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One provider of the sandbox served at the root of a port of its own, as production serves it
 * ({@code https://api.github.com/orgs/...}, not {@code https://host/github/orgs/...}): every request is passed on,
 * byte for byte in its path, to the provider's prefix on the sandbox's main port, and every absolute URL of the
 * answer that points there (Link headers, next links, URLs in bodies) is rewritten to point here.
 *
 * <p>The path is passed on as it came, so a client that sends {@code //orgs/...} gets WireMock's 404, as it would
 * get GitHub's: this is what catches URLs built by concatenation.
 */
final class RootServed implements AutoCloseable {
    /** Hop-by-hop headers and those the JDK client sets itself; Accept-Encoding is dropped so bodies come plain. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "accept-encoding", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final String upstream;
    private final String self;

    private RootServed(HttpServer server, ExecutorService executor, String upstream) {
        this.server = server;
        this.executor = executor;
        this.upstream = upstream;
        this.self = "http://127.0.0.1:" + server.getAddress().getPort();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Serves {@code upstream} (the main port's URL with the provider's prefix) at the root of {@code port} (0: free). */
    static RootServed start(int port, String upstream, String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "sandbox-root-" + name);
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            RootServed served = new RootServed(server, executor, upstream);
            server.createContext("/", served::handle);
            server.start();
            return served;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve " + name + " at the root of 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash: how a user writes {@code https://api.github.com}. */
    String url() {
        return self;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // toString() keeps the request target as sent; getPath() would read "//orgs" as a host name
            String target = exchange.getRequestURI().toString();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + target))
                    .timeout(Duration.ofSeconds(30));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (String value : h.getValue()) {
                    try {
                        request.header(h.getKey(), value);
                    } catch (IllegalArgumentException restricted) {
                        // a header the JDK client sets itself
                    }
                }
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                        && !name.equalsIgnoreCase("content-encoding")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, rewrite(v)));
                }
            });
            byte[] out = rewrite(answer.body());
            boolean noBody = out.length == 0 || answer.statusCode() == 204 || answer.statusCode() == 304
                    || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    private String rewrite(String text) {
        return text.replace(upstream, self);
    }

    /** ISO-8859-1 maps every byte to one char and back, so non-ASCII bodies pass unchanged around the ASCII URL. */
    private byte[] rewrite(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return text.contains(upstream) ? rewrite(text).getBytes(StandardCharsets.ISO_8859_1) : body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
