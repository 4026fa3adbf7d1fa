package dev.vigil.collector.okta;

import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.collector.testing.CannedHttp;
import dev.vigil.collector.testing.CannedHttp.Answer;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.store.EvidenceStore;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** URLs the collector requests, what its errors say, and the guard that keeps the API token inside the Okta org. */
class OktaApiTest {
    @TempDir
    Path store;

    private OktaApi api(String orgUrl) {
        return new OktaApi(new OkHttpClient(), HttpUrl.get(orgUrl), "token", new RawResponses(EvidenceStore.folder(store)));
    }

    @Test
    void buildsApiUrlsUnderTheOrgUrlWhateverItsPath() {
        assertThat(api("https://acme.okta.com").usersUrl(200).toString())
                .isEqualTo("https://acme.okta.com/api/v1/users?limit=200");
        assertThat(api("https://acme.okta.com/").factorsUrl("00u1").toString())
                .isEqualTo("https://acme.okta.com/api/v1/users/00u1/factors");
        assertThat(api("http://127.0.0.1:8089/okta").usersUrl(2).toString())
                .isEqualTo("http://127.0.0.1:8089/okta/api/v1/users?limit=2");
        assertThat(api("https://acme.okta.com").roleAssigneesUrl().toString())
                .isEqualTo("https://acme.okta.com/api/v1/iam/assignees/users");
        assertThat(api("https://acme.okta.com").rolesUrl("00u1").toString())
                .isEqualTo("https://acme.okta.com/api/v1/users/00u1/roles");
    }

    private OktaApi api(CannedHttp http, String orgUrl) {
        return new OktaApi(http.client(), HttpUrl.get(orgUrl), "token", new RawResponses(EvidenceStore.folder(store)));
    }

    /** The URL actually sent for the first users page. */
    private String usersRequested(String orgUrl) throws IOException {
        CannedHttp http = CannedHttp.always(Answer.ok("[]"));
        OktaApi api = api(http, orgUrl);
        api.get(api.usersUrl(200), "GET /api/v1/users");
        assertThat(http.requests()).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("SSWS token"));
        return http.urls().get(0);
    }

    @Test
    void requestsUsersUnderTheOrgUrlWithOneSlash() throws IOException {
        assertThat(usersRequested("https://acme.okta.com")).isEqualTo("https://acme.okta.com/api/v1/users?limit=200");
        assertThat(usersRequested("https://acme.okta.com/")).isEqualTo("https://acme.okta.com/api/v1/users?limit=200");
        assertThat(usersRequested("http://127.0.0.1:8089/okta"))
                .isEqualTo("http://127.0.0.1:8089/okta/api/v1/users?limit=200");
    }

    @Test
    void anErrorNamesTheUrlSentAndOktasOwnWords() {
        CannedHttp denied = CannedHttp.always(Answer.of(403, "{\"errorCode\":\"E0000006\",\"errorSummary\":"
                + "\"You do not have permission to perform the requested action\",\"errorCauses\":[]}"));
        OktaApi api = api(denied, "https://acme.okta.com");
        ProviderHttpException e = catchThrowableOfType(() -> api.get(api.usersUrl(200), "GET /api/v1/users"),
                ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://acme.okta.com/api/v1/users?limit=200 answered HTTP 403: "
                + "E0000006 You do not have permission to perform the requested action");
        assertThat(e.denied()).isTrue();

        CannedHttp missing = CannedHttp.always(Answer.of(404, "{\"errorCode\":\"E0000007\",\"errorSummary\":"
                + "\"Not found: Resource not found: 00u1 (User)\"}"));
        OktaApi api404 = api(missing, "https://acme.okta.com/");
        ProviderHttpException notFound = catchThrowableOfType(
                () -> api404.get(api404.factorsUrl("00u1"), "GET /api/v1/users/{id}/factors"),
                ProviderHttpException.class);
        assertThat(notFound).hasMessage("GET https://acme.okta.com/api/v1/users/00u1/factors answered HTTP 404 "
                + "(not found, or not visible to this credential): E0000007 Not found: Resource not found: 00u1 (User)");
        assertThat(notFound.denied()).isFalse();
    }

    @Test
    void followsNextLinksOnlyWithinTheOrg() throws IOException {
        OktaApi api = api("https://acme.okta.com");
        OktaApi.Fetched same = new OktaApi.Fetched(null, null,
                List.of("<https://acme.okta.com/api/v1/users?after=00u2&limit=200>; rel=\"next\""));
        assertThat(api.next(same)).contains(HttpUrl.get("https://acme.okta.com/api/v1/users?after=00u2&limit=200"));

        OktaApi.Fetched elsewhere = new OktaApi.Fetched(null, null,
                List.of("<https://attacker.example/api/v1/users?after=00u2>; rel=\"next\""));
        assertThatThrownBy(() -> api.next(elsewhere)).isInstanceOf(IOException.class)
                .hasMessageContaining("outside the Okta org");
    }

    @Test
    void followsNextLinksInTheBodyOnlyWithinTheOrg() throws IOException {
        OktaApi api = api("https://acme.okta.com");
        OktaApi.Fetched same = new OktaApi.Fetched(EventCodec.mapper().readTree(
                "{\"_links\": {\"next\": {\"href\": \"https://acme.okta.com/api/v1/iam/assignees/users?after=00u2\"}}}"),
                null, List.of());
        assertThat(api.nextInBody(same))
                .contains(HttpUrl.get("https://acme.okta.com/api/v1/iam/assignees/users?after=00u2"));

        OktaApi.Fetched elsewhere = new OktaApi.Fetched(EventCodec.mapper().readTree(
                "{\"_links\": {\"next\": {\"href\": \"https://attacker.example/api/v1/iam/assignees/users\"}}}"),
                null, List.of());
        assertThatThrownBy(() -> api.nextInBody(elsewhere)).isInstanceOf(IOException.class)
                .hasMessageContaining("outside the Okta org");
    }
}
