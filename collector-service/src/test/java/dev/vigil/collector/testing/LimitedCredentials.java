package dev.vigil.collector.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Test profile: every provider's credential is one the sandbox grants only part of what the collectors read
 * (PermissionDeniedIT: GitHub and Okta; AwsPermissionDeniedIT: AWS; EntraIdPermissionDeniedIT: Entra ID). One
 * profile for the three, so Quarkus builds and boots the application once for them instead of three times; each
 * test judges only the runs of its own providers.
 */
public class LimitedCredentials implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.collectors.github-branch-protection.token", "sandbox-limited-token",
                "vigil.collectors.okta-user-mfa.token", "sandbox-limited-token",
                "vigil.aws.access-key-id", "sandbox-limited",
                "vigil.collectors.entra-id-users.client-secret", "sandbox-limited");
    }
}
