package dev.vigil.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExposureGuardTest {

    @Test
    void loopbackHostsAreOnlyLiteralLoopbackAddresses() {
        assertThat(ExposureGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(ExposureGuard.isLoopback("127.1.2.3")).isTrue();
        assertThat(ExposureGuard.isLoopback("::1")).isTrue();
        assertThat(ExposureGuard.isLoopback("[::1]")).isTrue();
        assertThat(ExposureGuard.isLoopback("localhost")).isTrue();
        assertThat(ExposureGuard.isLoopback("0.0.0.0")).isFalse();
        assertThat(ExposureGuard.isLoopback("10.0.0.5")).isFalse();
        assertThat(ExposureGuard.isLoopback("::")).isFalse();
        assertThat(ExposureGuard.isLoopback("127.evil.example")).isFalse();
    }

    @Test
    void anExposedServiceWithDemoUsersRefusesNamingTheHostAndWhatToConfigure() {
        assertThat(ExposureGuard.refusal("0.0.0.0", true, true, true)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("0.0.0.0", "demo users", "vigil.access.demo-users.enabled=false", "QUARKUS_HTTP_HOST"));
    }

    @Test
    void anExposedServiceNoOneCouldSignInToRefuses() {
        assertThat(ExposureGuard.refusal("0.0.0.0", false, false, false)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("0.0.0.0", "quarkus.oidc.auth-server-url", "vigil.access.service-credentials"));
    }

    @Test
    void anExposedServiceWithOidcOrServiceCredentialsStarts() {
        assertThat(ExposureGuard.refusal("0.0.0.0", false, true, false)).isEmpty();
        assertThat(ExposureGuard.refusal("0.0.0.0", false, false, true)).isEmpty();
    }

    @Test
    void onLoopbackAnythingStarts() {
        assertThat(ExposureGuard.refusal("127.0.0.1", true, false, false)).isEmpty();
        assertThat(ExposureGuard.refusal("localhost", false, false, false)).isEmpty();
    }
}
