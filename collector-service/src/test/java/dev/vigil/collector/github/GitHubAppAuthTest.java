package dev.vigil.collector.github;

import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.testing.CannedHttp;
import dev.vigil.collector.testing.CannedHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Where a GitHub App looks up its installation and buys its token, for each kind of endpoint. */
class GitHubAppAuthTest {
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static PrivateKey key;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        key = rsa.generateKeyPair().getPrivate();
    }

    private static List<String> requested(String endpoint) throws Exception {
        CannedHttp http = new CannedHttp(r -> r.url().encodedPath().endsWith("/installation")
                ? Answer.ok("{\"id\":42}")
                : Answer.ok("{\"token\":\"ghs_test\",\"expires_at\":\"2026-11-01T11:00:00Z\"}"));
        GitHubAppAuth auth = new GitHubAppAuth(endpoint, "310001", key, null, "acme",
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(auth.authorization(http.client())).isEqualTo("token ghs_test");
        return http.requests().stream().map(r -> r.method() + " " + r.url()).toList();
    }

    @Test
    void githubComWithoutAPathIsAskedWithOneSlash() throws Exception {
        List<String> expected = List.of("GET https://api.github.com/orgs/acme/installation",
                "POST https://api.github.com/app/installations/42/access_tokens");
        assertThat(requested("https://api.github.com")).isEqualTo(expected);
        assertThat(requested("https://api.github.com/")).isEqualTo(expected);
    }

    @Test
    void enterpriseServerAndASandboxPrefixKeepTheirPath() throws Exception {
        assertThat(requested("https://ghe.example.com/api/v3")).containsExactly(
                "GET https://ghe.example.com/api/v3/orgs/acme/installation",
                "POST https://ghe.example.com/api/v3/app/installations/42/access_tokens");
        assertThat(requested("http://127.0.0.1:8089/github")).containsExactly(
                "GET http://127.0.0.1:8089/github/orgs/acme/installation",
                "POST http://127.0.0.1:8089/github/app/installations/42/access_tokens");
    }

    @Test
    void anAppNotInstalledOnTheOrganisationIsReportedAsNotFound() {
        CannedHttp http = CannedHttp.always(Answer.of(404, "{\"message\":\"Not Found\"}"));
        GitHubAppAuth auth = new GitHubAppAuth("https://api.github.com", "310001", key, null, "acme",
                Clock.fixed(NOW, ZoneOffset.UTC));
        ProviderHttpException e = catchThrowableOfType(() -> auth.authorization(http.client()),
                ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://api.github.com/orgs/acme/installation answered HTTP 404 "
                + "(not found, or not visible to this credential): Not Found");
        assertThat(e.denied()).isFalse();
    }
}
