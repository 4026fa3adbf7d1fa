package dev.vigil.broker;

import org.apache.kafka.common.utils.Exit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts a single-node KRaft broker from a server.properties file, formatting its log directory on first
 * use. Usage: {@code BrokerMain <server.properties> [--parent-pid PID] [--scram-users FILE]}.
 *
 * <p>With a parent pid the broker stops itself when that process is gone, so a test JVM or local stack that
 * dies hard never leaves an orphan broker holding the ports.
 *
 * <p>A SCRAM users file ({@code name=password} lines) is written into the metadata log when the directory is
 * formatted: in KRaft the broker's own SASL/SCRAM credential must exist before it starts (KIP-900), so it can
 * only be created there. Users added later are upserted through the Admin API by whoever started the broker.
 */
public final class BrokerMain {
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length % 2 != 1) {
            usage();
        }
        Path config = Path.of(args[0]);
        Path scramUsers = null;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--parent-pid" -> watchParent(Long.parseLong(args[i + 1]));
                case "--scram-users" -> scramUsers = Path.of(args[i + 1]);
                default -> usage();
            }
        }
        formatIfNeeded(config, scramUsers);
        kafka.Kafka.main(new String[]{config.toString()});
    }

    private static void usage() {
        System.err.println("usage: BrokerMain <server.properties> [--parent-pid PID] [--scram-users FILE]");
        System.exit(2);
    }

    /** StorageTool's --add-scram arguments, one per user of the file. */
    static List<String> addScramArguments(Path scramUsers) throws Exception {
        List<String> args = new ArrayList<>();
        if (scramUsers == null) {
            return args;
        }
        Properties users = new Properties();
        try (var in = Files.newInputStream(scramUsers)) {
            users.load(in);
        }
        for (String name : users.stringPropertyNames()) {
            String password = users.getProperty(name);
            // StorageTool's [name=...,password=...] syntax has no escaping: refuse what it would misread.
            if (!name.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new IllegalArgumentException("SCRAM user '" + name + "' in " + scramUsers + ": names and "
                        + "passwords may hold letters, digits and . _ - (passwords also ~ + / =) only");
            }
            args.add("--add-scram");
            args.add(SCRAM_MECHANISM + "=[name=" + name + ",password=" + password + "]");
        }
        return args;
    }

    private static void formatIfNeeded(Path config, Path scramUsers) throws Exception {
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
        List<String> format = new ArrayList<>(List.of("format", "-t",
                org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"));
        format.addAll(addScramArguments(scramUsers));
        try {
            kafka.tools.StorageTool.main(format.toArray(String[]::new));
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
