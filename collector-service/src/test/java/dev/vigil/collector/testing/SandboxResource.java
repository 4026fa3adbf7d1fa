package dev.vigil.collector.testing;

import dev.vigil.sandbox.DemoServiceAccountKey;
import dev.vigil.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the demo organisation (deploy/sandbox) on a free port and points the collectors at it, each provider under
 * its path prefix ({@code http://127.0.0.1:<port>/github}); under the test profile {@link AtRoot} at each
 * provider's own port instead, the form production endpoints have ({@code https://api.github.com}).
 *
 * <p>One resource for both: Quarkus applies every {@code @QuarkusTestResource} of the module to every test, so a
 * second resource setting the same keys would race with this one.
 */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {
    private Sandbox sandbox;
    private boolean atRoot;

    /** Test profile: the collectors read every provider at the root of a port of its own. */
    public static class AtRoot implements QuarkusTestProfile {
    }

    /**
     * As {@link AtRoot}, with the public URLs of the Entra and Google receivers configured: Vigil subscribes to
     * Graph's user changes and opens a Reports API channel at start, against the sandbox.
     */
    public static class IdentityEventsAtRoot extends AtRoot {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.events.entra.notification-url", "https://vigil.acme-demo.example/hooks/entra",
                    "vigil.events.google.notification-url", "https://vigil.acme-demo.example/hooks/google");
        }
    }

    @Override
    public void setContext(Context context) {
        // by name: the profile class may come from another class loader than this resource
        atRoot = AtRoot.class.getName().equals(context.testProfile())
                || IdentityEventsAtRoot.class.getName().equals(context.testProfile());
    }

    private String url(Sandbox sandbox, Sandbox.Provider provider) {
        return atRoot ? sandbox.rootUrl(provider) : sandbox.prefixedUrl(provider);
    }

    @Override
    public Map<String, String> start() {
        sandbox = Sandbox.start(0);
        Path googleKey;
        try {
            googleKey = DemoServiceAccountKey.write(Files.createTempDirectory("vigil-google-key").resolve("key.json"),
                    "test-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("vigil.collectors.github-branch-protection.endpoint", url(sandbox, Sandbox.Provider.GITHUB)),
                Map.entry("vigil.aws.endpoint-override", url(sandbox, Sandbox.Provider.AWS)),
                Map.entry("vigil.collectors.okta-user-mfa.org-url", url(sandbox, Sandbox.Provider.OKTA)),
                Map.entry("vigil.collectors.entra-id-users.authority-url", url(sandbox, Sandbox.Provider.ENTRA_LOGIN)),
                Map.entry("vigil.collectors.entra-id-users.graph-url", url(sandbox, Sandbox.Provider.MICROSOFT_GRAPH)),
                Map.entry("vigil.collectors.google-workspace-users.directory-url", url(sandbox, Sandbox.Provider.GOOGLE)),
                // the sandbox serves Cloud Identity's /v1/policies beside the Admin SDK, under the same root
                Map.entry("vigil.collectors.google-workspace-users.policies-url", url(sandbox, Sandbox.Provider.GOOGLE)),
                Map.entry("vigil.collectors.google-workspace-users.token-url", url(sandbox, Sandbox.Provider.GOOGLE) + "/token"),
                Map.entry("vigil.collectors.google-workspace-users.credentials-file", googleKey.toString()));
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
