package dev.vigil.collector.testing;

import dev.vigil.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the demo organisation (deploy/sandbox) on a free port and points the collectors at it. */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {
    private Sandbox sandbox;

    @Override
    public Map<String, String> start() {
        sandbox = Sandbox.start(0);
        String base = sandbox.baseUrl();
        return Map.of(
                "vigil.collectors.github-branch-protection.endpoint", base + "/github",
                "vigil.collectors.aws-s3-encryption.endpoint-override", base + "/aws",
                "vigil.collectors.okta-user-mfa.org-url", base + "/okta",
                "vigil.collectors.entra-id-users.authority-url", base + "/entra/login",
                "vigil.collectors.entra-id-users.graph-url", base + "/entra/graph");
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
