package dev.vigil.collector.testing;

import dev.vigil.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts the demo organisation (deploy/sandbox) on a free port and points the three collectors at it. */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {
    private Sandbox sandbox;

    @Override
    public Map<String, String> start() {
        sandbox = Sandbox.start(0);
        String base = sandbox.baseUrl();
        Path cache;
        try {
            cache = Files.createTempDirectory("vigil-github-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "vigil.collectors.github-branch-protection.endpoint", base + "/github",
                // a fresh conditional-request cache per sandbox: its answers name the sandbox's port
                "vigil.collectors.github-branch-protection.cache-dir", cache.toString(),
                "vigil.collectors.aws-s3-encryption.endpoint-override", base + "/aws",
                "vigil.aws.endpoint-override", base + "/aws",
                "vigil.collectors.okta-user-mfa.org-url", base + "/okta");
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
