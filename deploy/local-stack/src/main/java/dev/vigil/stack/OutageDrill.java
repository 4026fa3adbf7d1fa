package dev.vigil.stack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outage drills on a running local stack: stops Kafka or PostgreSQL for a number of seconds and starts it again on
 * the same port and data, as a restart, crash or failover looks to the services. deploy/local/outage.sh asks for one
 * (docs/reliability.md); the fault suite uses it to prove that an outage loses nothing.
 *
 * <p>The request is a file {@code <run-dir>/outage-<id>.request} holding {@code <server> <seconds>}; the answer is
 * {@code outage-<id>.done} with when the server stopped and started again, or why it could not. Files, not a port:
 * only whoever may write the run directory (the stack's owner) can stop its servers.
 */
final class OutageDrill implements AutoCloseable {
    private static final Pattern REQUEST = Pattern.compile("outage-([A-Za-z0-9_-]{1,64})\\.request");
    private static final Pattern BODY = Pattern.compile("\\s*(\\S+)\\s+(\\d{1,5})\\s*");
    private static final Duration POLL = Duration.ofMillis(250);

    /** A server the drill can stop and start again. */
    interface Restartable {
        void stop();

        void start();
    }

    private final Path runDir;
    private final Map<String, Restartable> servers;
    private final Consumer<String> log;
    private final Thread watcher;
    private volatile boolean closed;

    OutageDrill(Path runDir, Map<String, Restartable> servers, Consumer<String> log) {
        this.runDir = runDir;
        this.servers = Map.copyOf(servers);
        this.log = log;
        this.watcher = new Thread(this::watch, "outage-drill");
        this.watcher.setDaemon(true);
    }

    void start() {
        watcher.start();
    }

    private void watch() {
        while (!closed) {
            try (DirectoryStream<Path> requests = Files.newDirectoryStream(runDir, "outage-*.request")) {
                for (Path request : requests) {
                    Matcher m = REQUEST.matcher(request.getFileName().toString());
                    if (m.matches()) {
                        answer(m.group(1), Files.readString(request));
                    }
                    Files.deleteIfExists(request);
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.accept("outage drill: " + e);
            }
        }
    }

    private void answer(String id, String body) throws IOException, InterruptedException {
        String outcome;
        Matcher m = BODY.matcher(body);
        Restartable server = m.matches() ? servers.get(m.group(1)) : null;
        if (server == null) {
            outcome = "refused: expected '<server> <seconds>' with a server of " + servers.keySet() + ", got '"
                    + body.strip() + "'";
        } else {
            outcome = run(m.group(1), server, Duration.ofSeconds(Long.parseLong(m.group(2))));
        }
        Path tmp = runDir.resolve("outage-" + id + ".tmp");
        Files.writeString(tmp, outcome + "\n");
        Files.move(tmp, runDir.resolve("outage-" + id + ".done"), StandardCopyOption.ATOMIC_MOVE);
    }

    private String run(String name, Restartable server, Duration outage) throws InterruptedException {
        log.accept("outage drill: stopping " + name + " for " + outage.toSeconds() + " s");
        server.stop();
        Instant stopped = Instant.now();
        Thread.sleep(outage.toMillis());
        log.accept("outage drill: starting " + name + " again");
        try {
            server.start();
        } catch (RuntimeException e) {
            log.accept("outage drill: " + name + " did not start again: " + e.getMessage());
            return "failed: " + name + " stopped at " + stopped + " and did not start again: " + e.getMessage();
        }
        Instant started = Instant.now();
        log.accept("outage drill: " + name + " is running again");
        return "ok: " + name + " stopped at " + stopped + ", running again at " + started;
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
