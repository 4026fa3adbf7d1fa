package dev.vigil.collector.entra;

import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.collector.testing.CannedHttp;
import dev.vigil.collector.testing.CannedHttp.Answer;
import dev.vigil.common.store.EvidenceStore;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Where GraphApi asks for its token and its users, for each form of the two base URLs, and what errors say. */
class GraphApiTest {
    private static final String TOKEN = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"eyJ0\"}";

    @TempDir
    Path store;

    private GraphApi graph(CannedHttp http, String graphUrl) {
        return new GraphApi(http.client(), HttpUrl.get(graphUrl), new RawResponses(EvidenceStore.folder(store)));
    }

    /** Signs in and reads one users page; returns the requests sent. */
    private List<Request> requested(String authority, String graphUrl) throws IOException {
        CannedHttp http = new CannedHttp(r -> r.method().equals("POST") ? Answer.ok(TOKEN)
                : Answer.ok("{\"value\":[]}"));
        GraphApi graph = graph(http, graphUrl);
        graph.signIn(HttpUrl.get(authority), "contoso-tenant", "app-id", "app-secret");
        graph.page(graph.url("users", "$top", "999"), "GET /users");
        return http.requests();
    }

    @Test
    void theTokenAndTheUsersAreAskedWithOneSlash() throws IOException {
        for (String[] bases : new String[][] {
                {"https://login.microsoftonline.com", "https://graph.microsoft.com"},
                {"https://login.microsoftonline.com/", "https://graph.microsoft.com/"}}) {
            List<Request> requests = requested(bases[0], bases[1]);
            assertThat(requests).extracting(r -> r.method() + " " + r.url()).containsExactly(
                    "POST https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token",
                    "GET https://graph.microsoft.com/v1.0/users?%24top=999"); // Graph reads %24top as $top
            FormBody form = (FormBody) requests.get(0).body();
            assertThat(form.value(3)).isEqualTo("https://graph.microsoft.com/.default"); // scope
            assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer eyJ0");
        }
    }

    @Test
    void aPrefixedSandboxKeepsItsPaths() throws IOException {
        assertThat(requested("http://127.0.0.1:8089/entra/login", "http://127.0.0.1:8089/entra/graph"))
                .extracting(r -> r.url().toString()).containsExactly(
                        "http://127.0.0.1:8089/entra/login/contoso-tenant/oauth2/v2.0/token",
                        "http://127.0.0.1:8089/entra/graph/v1.0/users?%24top=999");
    }

    @Test
    void errorsNameTheUrlSentAndGraphsOwnWords() throws IOException {
        CannedHttp refused = CannedHttp.always(Answer.of(401, "{\"error\":\"invalid_client\",\"error_description\":"
                + "\"AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: 1\"}"));
        ProviderHttpException signIn = catchThrowableOfType(() -> graph(refused, "https://graph.microsoft.com")
                        .signIn(HttpUrl.get("https://login.microsoftonline.com"), "contoso-tenant", "app-id", "app-secret"),
                ProviderHttpException.class);
        assertThat(signIn).hasMessage("POST https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token "
                + "answered HTTP 401: invalid_client AADSTS7000215: Invalid client secret provided.");
        assertThat(signIn.getMessage()).doesNotContain("app-secret");

        CannedHttp denied = new CannedHttp(r -> r.method().equals("POST") ? Answer.ok(TOKEN)
                : Answer.of(403, "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":"
                + "\"Insufficient privileges to complete the operation.\"}}"));
        GraphApi graph = graph(denied, "https://graph.microsoft.com");
        graph.signIn(HttpUrl.get("https://login.microsoftonline.com"), "contoso-tenant", "app-id", "app-secret");
        ProviderHttpException e = catchThrowableOfType(() -> graph.page(graph.url("users", "$top", "999"),
                "GET /users"), ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://graph.microsoft.com/v1.0/users?%24top=999 answered HTTP 403: "
                + "Authorization_RequestDenied: Insufficient privileges to complete the operation.");
        assertThat(e.denied()).isTrue();
    }
}
