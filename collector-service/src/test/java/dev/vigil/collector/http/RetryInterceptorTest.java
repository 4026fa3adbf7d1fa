package dev.vigil.collector.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Which answers are retried, against a real HTTP server that fails on purpose. */
class RetryInterceptorTest {
    private WireMockServer server;
    private OkHttpClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        client = new OkHttpClient.Builder()
                .addInterceptor(new RetryInterceptor(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(20))))
                .build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void retriesServerErrorsUntilSuccess() throws IOException {
        failThenSucceed("/flaky", 2, aResponse().withStatus(503));
        assertThat(call("/flaky")).isEqualTo(200);
        server.verify(3, getRequestedFor(urlEqualTo("/flaky")));
    }

    @Test
    void retriesGitHubRateLimit403() throws IOException {
        failThenSucceed("/limited", 1, aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "0"));
        assertThat(call("/limited")).isEqualTo(200);
        server.verify(2, getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void retries429HonouringRetryAfterUpToTheCap() throws IOException {
        failThenSucceed("/slow-down", 1, aResponse().withStatus(429).withHeader("Retry-After", "3600"));
        long start = System.nanoTime();
        assertThat(call("/slow-down")).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void retriesGitHubSecondaryRateLimitRecognisedByItsMessage() throws IOException {
        failThenSucceed("/secondary", 1, aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "4000")
                .withBody("{\"message\": \"You have exceeded a secondary rate limit. Please wait a few minutes.\"}"));
        assertThat(call("/secondary")).isEqualTo(200);
        server.verify(2, getRequestedFor(urlEqualTo("/secondary")));
    }

    @Test
    void aSpentBudgetResettingBeyondTheBoundIsReportedAtOnce() throws IOException {
        long inAnHour = java.time.Instant.now().getEpochSecond() + 3600;
        server.stubFor(get("/spent").willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", Long.toString(inAnHour))));
        assertThat(call("/spent")).isEqualTo(403);
        server.verify(1, getRequestedFor(urlEqualTo("/spent")));
    }

    @Test
    void doesNotRetryADeniedPermission() throws IOException {
        server.stubFor(get("/denied").willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "4999")));
        assertThat(call("/denied")).isEqualTo(403);
        server.verify(1, getRequestedFor(urlEqualTo("/denied")));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastAnswer() throws IOException {
        server.stubFor(get("/down").willReturn(aResponse().withStatus(502)));
        assertThat(call("/down")).isEqualTo(502);
        server.verify(4, getRequestedFor(urlEqualTo("/down")));
    }

    private void failThenSucceed(String path, int failures,
                                 com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 0; i < failures; i++) {
            String next = "failed-" + (i + 1);
            server.stubFor(get(path).inScenario(path).whenScenarioStateIs(state).willReturn(failure)
                    .willSetStateTo(next));
            state = next;
        }
        server.stubFor(get(path).inScenario(path).whenScenarioStateIs(state).willReturn(aResponse().withStatus(200)));
    }

    private int call(String path) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(server.baseUrl() + path).build()).execute()) {
            return r.code();
        }
    }
}
