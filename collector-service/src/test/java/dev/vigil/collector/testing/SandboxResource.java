package dev.vigil.collector.testing;

import dev.vigil.sandbox.DemoServiceAccountKey;
import dev.vigil.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts the demo organisation (deploy/sandbox) on a free port and points the collectors at it. */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {
    private Sandbox sandbox;

    @Override
    public Map<String, String> start() {
        sandbox = Sandbox.start(0);
        String base = sandbox.baseUrl();
        Path cache;
        Path googleKey;
        try {
            cache = Files.createTempDirectory("vigil-github-cache");
            googleKey = DemoServiceAccountKey.write(Files.createTempDirectory("vigil-google-key").resolve("key.json"),
                    "test-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("vigil.collectors.github-branch-protection.endpoint", base + "/github"),
                // a fresh conditional-request cache per sandbox: its answers name the sandbox's port
                Map.entry("vigil.collectors.github-branch-protection.cache-dir", cache.toString()),
                Map.entry("vigil.aws.endpoint-override", base + "/aws"),
                Map.entry("vigil.collectors.okta-user-mfa.org-url", base + "/okta"),
                Map.entry("vigil.collectors.entra-id-users.authority-url", base + "/entra/login"),
                Map.entry("vigil.collectors.entra-id-users.graph-url", base + "/entra/graph"),
                Map.entry("vigil.collectors.google-workspace-users.directory-url", base + "/google"),
                Map.entry("vigil.collectors.google-workspace-users.token-url", base + "/google/token"),
                Map.entry("vigil.collectors.google-workspace-users.credentials-file", googleKey.toString()));
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
