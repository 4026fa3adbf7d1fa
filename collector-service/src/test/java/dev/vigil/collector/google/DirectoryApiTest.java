package dev.vigil.collector.google;

import dev.vigil.collector.http.ProviderHttpException;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.collector.testing.CannedHttp;
import dev.vigil.collector.testing.CannedHttp.Answer;
import dev.vigil.common.store.EvidenceStore;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Where DirectoryApi asks for its users, for each form of the directory URL, and what its errors say. */
class DirectoryApiTest {
    private static final String TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static ServiceAccountKey key;

    @TempDir
    Path store;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        key = new ServiceAccountKey("reader@acme.iam.gserviceaccount.com", "k1", rsa.generateKeyPair().getPrivate(),
                TOKEN_URI);
    }

    private DirectoryApi signedIn(CannedHttp http, String directoryUrl) throws IOException {
        DirectoryApi api = new DirectoryApi(http.client(), HttpUrl.get(directoryUrl),
                new RawResponses(EvidenceStore.folder(store)));
        api.signIn(key, "admin@acme.example", HttpUrl.get(TOKEN_URI), Instant.parse("2026-11-01T10:00:00Z"));
        return api;
    }

    private List<String> requested(String directoryUrl) throws IOException {
        CannedHttp http = new CannedHttp(r -> r.method().equals("POST")
                ? Answer.ok("{\"access_token\":\"ya29.test\",\"expires_in\":3599}") : Answer.ok("{\"users\":[]}"));
        DirectoryApi api = signedIn(http, directoryUrl);
        api.users(api.usersUrl("my_customer", 200, null));
        return http.requests().stream().map(r -> r.method() + " " + r.url()).toList();
    }

    @Test
    void usersAreAskedWithOneSlash() throws IOException {
        List<String> expected = List.of("POST https://oauth2.googleapis.com/token",
                "GET https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer&maxResults=200"
                        + "&projection=basic&orderBy=email");
        assertThat(requested("https://admin.googleapis.com")).isEqualTo(expected);
        assertThat(requested("https://admin.googleapis.com/")).isEqualTo(expected);
        assertThat(requested("http://127.0.0.1:8089/google")).contains("GET http://127.0.0.1:8089/google/admin/"
                + "directory/v1/users?customer=my_customer&maxResults=200&projection=basic&orderBy=email");
    }

    @Test
    void anErrorNamesTheUrlSentAndGooglesOwnWords() throws IOException {
        CannedHttp http = new CannedHttp(r -> r.method().equals("POST")
                ? Answer.ok("{\"access_token\":\"ya29.test\"}")
                : Answer.of(403, "{\"error\":{\"code\":403,\"message\":\"Not Authorized to access this resource/api\","
                + "\"status\":\"PERMISSION_DENIED\"}}"));
        DirectoryApi api = signedIn(http, "https://admin.googleapis.com");
        ProviderHttpException e = catchThrowableOfType(() -> api.users(api.usersUrl("my_customer", 200, null)),
                ProviderHttpException.class);
        assertThat(e).hasMessage("GET https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer"
                + "&maxResults=200&projection=basic&orderBy=email answered HTTP 403: "
                + "Not Authorized to access this resource/api");
        assertThat(e.denied()).isTrue();
    }
}
