package dev.vigil.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo organisation acme-demo: every provider under its prefix on one port of 127.0.0.1 ({@link Provider}:
 * GitHub under {@code /github}, AWS (S3 path style) under {@code /aws}, Okta under {@code /okta}, ...), and each
 * also at the root of a port of its own ({@link #rootUrl}), the form production uses. Stubs are WireMock mapping
 * files; the facts they encode are listed in docs/sandbox.md.
 *
 * <p>Stubs load from the directory named by the system property {@value #ROOT_PROPERTY} (or
 * {@code --root-dir}) when given, so edits show without a rebuild; otherwise from the classpath folder
 * {@code sandbox/}.
 */
public final class Sandbox implements AutoCloseable {
    public static final String ROOT_PROPERTY = "vigil.sandbox.root";
    public static final int DEFAULT_PORT = 8089;
    static final String CLASSPATH_ROOT = "sandbox";

    /** The providers the sandbox plays, each with the path prefix it has on the main port. */
    public enum Provider {
        GITHUB("/github"),
        AWS("/aws"),
        OKTA("/okta"),
        ENTRA_LOGIN("/entra/login"),
        MICROSOFT_GRAPH("/entra/graph"),
        GOOGLE("/google");

        private final String prefix;

        Provider(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private final WireMockServer server;
    private final DriftScenarios drift;
    private final ProviderEvents events;
    private final DemoEventQueue queue;
    private final PushSubscriptions subscriptions;
    private final Map<Provider, RootServed> roots;

    private Sandbox(WireMockServer server, DriftScenarios drift, ProviderEvents events, DemoEventQueue queue,
                    PushSubscriptions subscriptions, Map<Provider, RootServed> roots) {
        this.subscriptions = subscriptions;
        this.server = server;
        this.drift = drift;
        this.events = events;
        this.queue = queue;
        this.roots = roots;
    }

    /** Starts on the given port (0 = a free one), with stubs from {@value #ROOT_PROPERTY} or the classpath. */
    public static Sandbox start(int port) {
        String dir = System.getProperty(ROOT_PROPERTY);
        return start(port, dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /** Starts with stubs from {@code rootDir} (holding mappings/ and __files/), or the classpath when null. */
    public static Sandbox start(int port, Path rootDir) {
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(port)
                .notifier(new ConsoleNotifier(Boolean.getBoolean("vigil.sandbox.verbose")));
        if (rootDir != null) {
            if (!Files.isDirectory(rootDir.resolve("mappings"))) {
                throw new IllegalArgumentException("no mappings/ folder under sandbox root " + rootDir.toAbsolutePath());
            }
            options.usingFilesUnderDirectory(rootDir.toAbsolutePath().toString());
        } else {
            options.usingFilesUnderClasspath(CLASSPATH_ROOT);
        }
        DriftScenarios drift = DriftScenarios.load(options.filesRoot());
        DemoEventQueue queue = new DemoEventQueue(Clock.systemUTC());
        PushSubscriptions subscriptions = new PushSubscriptions();
        DemoDirectoryAudits audits = new DemoDirectoryAudits();
        ProviderEvents events = new ProviderEvents(queue, subscriptions, audits,
                ProviderEvents.Receivers.fromEnvironment());
        options.extensions(drift, queue, subscriptions, audits);
        WireMockServer server = new WireMockServer(options);
        server.start();
        drift.attach(server, events);
        queue.attach(server, Provider.AWS.prefix());
        subscriptions.attach(server);
        Map<Provider, RootServed> roots = new EnumMap<>(Provider.class);
        try {
            for (Provider p : Provider.values()) {
                roots.put(p, RootServed.start(0, "http://127.0.0.1:" + server.port() + p.prefix(),
                        p.name().toLowerCase(Locale.ROOT)));
            }
        } catch (RuntimeException e) {
            roots.values().forEach(RootServed::close);
            server.stop();
            throw e;
        }
        return new Sandbox(server, drift, events, queue, subscriptions, roots);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** The provider under its prefix on the main port, e.g. {@code http://127.0.0.1:8089/github}. */
    public String prefixedUrl(Provider provider) {
        return baseUrl() + provider.prefix();
    }

    /** The provider at the root of a port of its own, e.g. {@code http://127.0.0.1:41234}, as production serves it. */
    public String rootUrl(Provider provider) {
        return roots.get(provider).url();
    }

    /** The drift scenarios (docs/sandbox.md), also switched over HTTP at {@value DriftScenarios#PATH}. */
    public DriftScenarios drift() {
        return drift;
    }

    /**
     * The events the providers send when a drift scenario switches (GitHub's webhooks, Okta's hook calls, AWS's
     * queue messages, Graph's change notifications, Google's pushes), and where GitHub and Okta deliver them ({@code VIGIL_SANDBOX_HOOKS_URL} at start, or
     * {@link ProviderEvents#deliverTo}).
     */
    public ProviderEvents events() {
        return events;
    }

    /** The demo account's SQS queue of CloudTrail events ({@value DemoEventQueue#QUEUE_URL}), under the AWS prefix. */
    public DemoEventQueue eventQueue() {
        return queue;
    }

    /** The Graph subscription and Google channel collector-service made here, where their pushes go. */
    public PushSubscriptions pushSubscriptions() {
        return subscriptions;
    }

    /** The WireMock server underneath, for tests that count the requests it received. */
    public WireMockServer wireMock() {
        return server;
    }

    @Override
    public void close() {
        roots.values().forEach(RootServed::close);
        server.stop();
    }

    /** {@code --port N} (default 8089), {@code --root-dir DIR}; runs until the process is killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        Path root = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--root-dir" -> root = Path.of(value(args, ++i, "--root-dir"));
                default -> throw new IllegalArgumentException(
                        "unknown argument " + args[i] + "; usage: Sandbox [--port N] [--root-dir DIR]");
            }
        }
        Sandbox sandbox = root != null ? start(port, root) : start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
        System.out.println("Vigil sandbox (acme-demo) listening on " + sandbox.baseUrl()
                + "  GitHub: /github  AWS: /aws  Okta: /okta  Entra ID: /entra/login, /entra/graph  Google: /google"
                + "  drift scenarios: " + DriftScenarios.PATH + " " + sandbox.drift().names());
        ProviderEvents.Receivers receivers = sandbox.events().receivers();
        System.out.println("  provider events: GitHub and Okta to " + (receivers.hooksUrl() == null
                ? "nowhere (set VIGIL_SANDBOX_HOOKS_URL)" : receivers.hooksUrl()) + ", AWS on the queue "
                + DemoEventQueue.QUEUE_URL + " (under /aws), Entra ID and Google where collector-service subscribes");
        for (Provider p : Provider.values()) {
            System.out.println("  " + p + " at the root of " + sandbox.rootUrl(p));
        }
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
