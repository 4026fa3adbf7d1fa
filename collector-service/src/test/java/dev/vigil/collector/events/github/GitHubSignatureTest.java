package dev.vigil.collector.events.github;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubSignatureTest {
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    /** GitHub's documented example ("Validating webhook deliveries"). */
    static final String DOCUMENTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    static final String SECRET = "It's a Secret to Everybody";

    @Test
    void githubsDocumentedExampleVerifies() {
        assertThat(GitHubSignature.sign(SECRET, HELLO)).isEqualTo(DOCUMENTED);
        assertThat(GitHubSignature.matches(HELLO, DOCUMENTED, List.of(SECRET))).isTrue();
    }

    @Test
    void eitherOfTwoSecretsVerifiesDuringARotation() {
        assertThat(GitHubSignature.matches(HELLO, DOCUMENTED, List.of("the new secret", SECRET))).isTrue();
        assertThat(GitHubSignature.matches(HELLO, DOCUMENTED, List.of(SECRET, "the new secret"))).isTrue();
        assertThat(GitHubSignature.matches(HELLO, GitHubSignature.sign("the new secret", HELLO),
                List.of(SECRET, "the new secret"))).isTrue();
    }

    @Test
    void anotherSecretAnotherBodyOrNoSecretDoesNotVerify() {
        assertThat(GitHubSignature.matches(HELLO, DOCUMENTED, List.of("It's a secret to everybody"))).isFalse();
        assertThat(GitHubSignature.matches("Hello, World?".getBytes(StandardCharsets.UTF_8), DOCUMENTED,
                List.of(SECRET))).isFalse();
        assertThat(GitHubSignature.matches(HELLO, DOCUMENTED, List.of())).isFalse();
    }

    @Test
    void aHeaderNotOfGitHubsFormIsNoSignature() {
        String hex = DOCUMENTED.substring("sha256=".length());
        assertThat(GitHubSignature.matches(HELLO, null, List.of(SECRET))).isFalse();
        assertThat(GitHubSignature.matches(HELLO, hex, List.of(SECRET))).isFalse();
        assertThat(GitHubSignature.matches(HELLO, "sha1=" + hex, List.of(SECRET))).isFalse();
        assertThat(GitHubSignature.matches(HELLO, DOCUMENTED.substring(0, DOCUMENTED.length() - 2),
                List.of(SECRET))).isFalse();
        assertThat(GitHubSignature.matches(HELLO, "sha256=" + "zz" + hex.substring(2), List.of(SECRET))).isFalse();
        // hex digits in upper case are the same bytes
        assertThat(GitHubSignature.matches(HELLO, "sha256=" + hex.toUpperCase(), List.of(SECRET))).isTrue();
    }
}
