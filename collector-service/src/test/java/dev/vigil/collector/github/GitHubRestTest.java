package dev.vigil.collector.github;

import dev.vigil.collector.http.CaptureInterceptor;
import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.testing.CannedHttp;
import dev.vigil.collector.testing.CannedHttp.Answer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The URLs GitHubRest really requests for each kind of endpoint, and what its errors say. */
class GitHubRestTest {
    private static GitHubRest rest(CannedHttp http, String endpoint) {
        return new GitHubRest(http.client(), endpoint, client -> "token test");
    }

    /** Asks for one document and one list page (a path with a query), and returns the URLs sent. */
    private static java.util.List<String> requested(String endpoint) throws Exception {
        CannedHttp http = new CannedHttp(r -> Answer.ok(r.url().encodedPath().endsWith("/orgs/acme") ? "{}" : "[]"));
        GitHubRest rest = rest(http, endpoint);
        rest.get("/orgs/acme");
        rest.list("/orgs/acme/members?role=admin", 100);
        // the raw-response keys name the URLs actually requested
        assertThat(rest.rawKey("/orgs/acme")).isEqualTo(CaptureInterceptor.key(http.requests().get(0).url()));
        assertThat(rest.rawKey("/orgs/acme/members?role=admin", 100))
                .isEqualTo(CaptureInterceptor.key(http.requests().get(1).url()));
        return http.urls();
    }

    @Test
    void githubComWithoutAPathIsAskedWithOneSlash() throws Exception {
        assertThat(requested("https://api.github.com")).containsExactly("https://api.github.com/orgs/acme",
                "https://api.github.com/orgs/acme/members?role=admin&per_page=100");
        assertThat(requested("https://api.github.com/")).containsExactly("https://api.github.com/orgs/acme",
                "https://api.github.com/orgs/acme/members?role=admin&per_page=100");
    }

    @Test
    void enterpriseServerAndASandboxPrefixKeepTheirPath() throws Exception {
        assertThat(requested("https://ghe.example.com/api/v3")).containsExactly(
                "https://ghe.example.com/api/v3/orgs/acme",
                "https://ghe.example.com/api/v3/orgs/acme/members?role=admin&per_page=100");
        assertThat(requested("https://ghe.example.com/api/v3/")).containsExactly(
                "https://ghe.example.com/api/v3/orgs/acme",
                "https://ghe.example.com/api/v3/orgs/acme/members?role=admin&per_page=100");
        assertThat(requested("http://127.0.0.1:8089/github")).containsExactly("http://127.0.0.1:8089/github/orgs/acme",
                "http://127.0.0.1:8089/github/orgs/acme/members?role=admin&per_page=100");
    }

    @Test
    void graphqlIsPostedWhereGitHubServesIt() throws Exception {
        for (Map.Entry<String, String> e : Map.of(
                "https://api.github.com", "https://api.github.com/graphql",
                "https://api.github.com/", "https://api.github.com/graphql",
                "https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql",
                "https://ghe.example.com/api/v3/", "https://ghe.example.com/api/graphql",
                "http://127.0.0.1:8089/github", "http://127.0.0.1:8089/github/graphql").entrySet()) {
            CannedHttp http = CannedHttp.always(Answer.ok("{\"data\":{}}"));
            rest(http, e.getKey()).graphql("{ viewer { login } }", Map.of(), "key");
            assertThat(http.requests()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.url()).hasToString(e.getValue());
            });
        }
    }

    @Test
    void aPathSegmentIsEncodedNotInterpreted() throws Exception {
        CannedHttp http = CannedHttp.always(Answer.ok("{}"));
        rest(http, "https://api.github.com").get("/repos/acme/api/branches/release/v1#2");
        assertThat(http.urls()).containsExactly("https://api.github.com/repos/acme/api/branches/release/v1%232");
    }

    @Test
    void a404NamesTheUrlSentAndIsNoDeniedPermission() {
        CannedHttp http = CannedHttp.always(Answer.of(404,
                "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}"));
        ProviderHttpException e = catchThrowableOfType(
                () -> rest(http, "https://api.github.com").list("/orgs/acme/members", 100), ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://api.github.com/orgs/acme/members?per_page=100 answered HTTP 404 "
                + "(not found, or not visible to this credential): Not Found");
        assertThat(e.denied()).isFalse();
        assertThat(e.notFound()).isTrue();
        assertThat(GitHubErrors.denied(e)).isFalse();
        assertThat(GitHubErrors.deniedOrOwnersOnly(e)).isFalse();
    }

    @Test
    void a403IsDeniedUnlessRateLimited() {
        String body = "{\"message\":\"Resource not accessible by personal access token\"}";
        ProviderHttpException denied = catchThrowableOfType(() -> rest(CannedHttp.always(Answer.of(403, body)),
                "https://api.github.com").get("/repos/acme/api/branches/main/protection"), ProviderHttpException.class);
        assertThat(denied).hasMessage("GET https://api.github.com/repos/acme/api/branches/main/protection answered "
                + "HTTP 403: Resource not accessible by personal access token");
        assertThat(GitHubErrors.denied(denied)).isTrue();

        Answer limited = new Answer(403, "{\"message\":\"API rate limit exceeded\"}",
                Headers.of("X-RateLimit-Remaining", "0"));
        ProviderHttpException e = catchThrowableOfType(() -> rest(CannedHttp.always(limited),
                "https://api.github.com").get("/orgs/acme"), ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://api.github.com/orgs/acme answered HTTP 403 (rate limited): "
                + "API rate limit exceeded");
        assertThat(e.denied()).isFalse();
    }

    @Test
    void theUrlInAnErrorCarriesNoUserInfo() {
        CannedHttp http = CannedHttp.always(Answer.of(401, "{\"message\":\"Bad credentials\"}"));
        ProviderHttpException e = catchThrowableOfType(
                () -> rest(http, "https://someone:secret@api.github.com").get("/orgs/acme"), ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://api.github.com/orgs/acme answered HTTP 401: Bad credentials");
        assertThat(e.url()).isEqualTo(HttpUrl.get("https://api.github.com/orgs/acme"));
    }

    @Test
    void anOwnersOnlyFilterRefusalIsAMissingOwnerRight() {
        // what GitHub answers a member who is not an owner for filter=2fa_disabled
        CannedHttp http = CannedHttp.always(Answer.of(422, "{\"message\":\"Only owners can use this filter.\","
                + "\"documentation_url\":\"https://docs.github.com/rest/orgs/members#list-organization-members\"}"));
        ProviderHttpException e = catchThrowableOfType(() -> rest(http, "https://api.github.com")
                .list("/orgs/acme/members?filter=2fa_disabled", 100), ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://api.github.com/orgs/acme/members?filter=2fa_disabled&per_page=100 "
                + "answered HTTP 422: Only owners can use this filter.");
        assertThat(GitHubErrors.denied(e)).isFalse();
        assertThat(GitHubErrors.deniedOrOwnersOnly(e)).isTrue();
    }
}
