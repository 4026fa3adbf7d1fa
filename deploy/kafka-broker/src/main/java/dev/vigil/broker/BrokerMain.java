package dev.vigil.broker;

import org.apache.kafka.common.utils.Exit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts a single-node KRaft broker from a server.properties file, formatting its log directory on first
 * use. Usage: {@code BrokerMain <server.properties> [parent-pid]}.
 *
 * <p>With a parent pid the broker stops itself when that process is gone, so a test JVM or local stack that
 * dies hard never leaves an orphan broker holding the ports.
 */
public final class BrokerMain {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BrokerMain <server.properties> [parent-pid]");
            System.exit(2);
        }
        Path config = Path.of(args[0]);
        if (args.length > 1) {
            watchParent(Long.parseLong(args[1]));
        }
        formatIfNeeded(config);
        kafka.Kafka.main(new String[]{config.toString()});
    }

    private static void formatIfNeeded(Path config) throws Exception {
        Properties props = new Properties();
        try (var in = Files.newInputStream(config)) {
            props.load(in);
        }
        Path logDir = Path.of(props.getProperty("log.dirs"));
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        // StorageTool ends with Exit.exit; catch that instead of letting it end this JVM.
        Exit.setExitProcedure((code, message) -> {
            throw new FormatFinished(code, message);
        });
        try {
            kafka.tools.StorageTool.main(new String[]{
                    "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"});
        } catch (FormatFinished done) {
            if (done.code != 0) {
                throw new IllegalStateException("formatting " + logDir + " failed (exit " + done.code + "): "
                        + Optional.ofNullable(done.getMessage()).orElse(""));
            }
        } finally {
            Exit.resetExitProcedure();
        }
    }

    private static void watchParent(long pid) {
        Thread watcher = new Thread(() -> {
            ProcessHandle parent = ProcessHandle.of(pid).orElse(null);
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("parent process " + pid + " is gone; stopping the broker");
            Runtime.getRuntime().halt(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static final class FormatFinished extends RuntimeException {
        final int code;

        FormatFinished(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
