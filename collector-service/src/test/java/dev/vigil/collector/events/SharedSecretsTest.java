package dev.vigil.collector.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event hook's shared secret: either of two during a rotation, the exact value, nothing without a secret. */
class SharedSecretsTest {
    final SharedSecrets rotating = new SharedSecrets(List.of("old-hook-secret", "new-hook-secret"));

    @Test
    void eitherConfiguredSecretIsAccepted() {
        assertThat(rotating.matches("old-hook-secret")).isTrue();
        assertThat(rotating.matches("new-hook-secret")).isTrue();
    }

    @Test
    void anyOtherValueIsRefused() {
        assertThat(rotating.matches("new-hook-secreT")).isFalse();
        assertThat(rotating.matches("new-hook-secret ")).isFalse();
        assertThat(rotating.matches("new-hook")).isFalse();
        assertThat(rotating.matches("Bearer new-hook-secret")).isFalse();
        assertThat(rotating.matches("")).isFalse();
        assertThat(rotating.matches(null)).isFalse();
    }

    @Test
    void withoutASecretNothingIsAuthorisedNotEvenAnEmptyValue() {
        SharedSecrets none = new SharedSecrets(List.of(" ", ""));
        assertThat(none.configured()).isFalse();
        assertThat(none.matches("")).isFalse();
        assertThat(none.matches(" ")).isFalse();
        assertThat(rotating.configured()).isTrue();
    }
}
