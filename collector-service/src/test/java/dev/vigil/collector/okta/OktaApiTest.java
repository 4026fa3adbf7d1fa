package dev.vigil.collector.okta;

import dev.vigil.collector.spi.RawResponses;
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

/** URLs the collector builds, and the guard that keeps the API token inside the Okta org. */
class OktaApiTest {
    @TempDir
    Path store;

    private OktaApi api(String orgUrl) {
        return new OktaApi(new OkHttpClient(), HttpUrl.get(orgUrl), "token", new RawResponses(new EvidenceStore(store)));
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
