package dev.vigil.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Topics;
import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.vigil.report.bundle.StandInEvaluator.CUT_CONTROL;
import static dev.vigil.report.bundle.StandInEvaluator.CUT_COUNT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A status event that lists only the first of its failing resources, as the evaluator publishes a large
 * organisation's (StatusEventBounds), through the real topic and database: the count is shown and kept everywhere,
 * and a period bundle holds the complete list, read from the evaluator (here {@link StandInEvaluator}) page by page.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StandInEvaluator.class)
class CutStatusIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aStatusListingTheFirstFailingResourcesShowsTheirCountAndABundleHoldsThemAll() throws Exception {
        TestUsers.signInAs(TestUsers.ENGINEER);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(2);
        List<FailingResource> listed = IntStream.range(0, 3).mapToObj(StandInEvaluator::failing).toList();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            kafka.sendEvent(Topics.CONTROL_STATUS, CUT_CONTROL, EventCodec.encode(new ControlStatusEvent(CUT_CONTROL,
                    ControlStatus.FAIL, at, 5_000, CUT_COUNT, listed, null)));
        }

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/controls/" + CUT_CONTROL).then().statusCode(200)
                .body("evaluatedAt", equalTo(at.toString())));
        given().get("/api/controls/" + CUT_CONTROL).then()
                .body("failingResourceCount", equalTo(CUT_COUNT))
                .body("failingResources.size()", equalTo(3));
        given().get("/api/controls?status=FAIL").then()
                .body("find { it.id == '" + CUT_CONTROL + "' }.failingResourceCount", equalTo(CUT_COUNT));
        given().get("/api/controls/" + CUT_CONTROL + "/history?from=" + at.minusSeconds(60)).then().statusCode(200)
                .body("intervals[-1].failingResourceCount", equalTo(CUT_COUNT))
                .body("intervals[-1].failingResources.size()", equalTo(3));
        given().accept("text/html").get("/controls/" + CUT_CONTROL).then().statusCode(200)
                .body(containsString("3 of " + CUT_COUNT + " failing resources shown"))
                .body(containsString("href=\"/api/controls/" + CUT_CONTROL + "/failing-resources\""));

        // The whole list through report-service, as the page links it.
        given().get("/api/controls/" + CUT_CONTROL + "/failing-resources?offset=2000&limit=1000").then()
                .statusCode(200)
                .body("failingResourceCount", equalTo(CUT_COUNT))
                .body("failingResources.size()", equalTo(CUT_COUNT - 2000))
                .body("failingResources[0].resourceKey", equalTo(StandInEvaluator.failing(2000).resourceKey()))
                .body("nextOffset", equalTo(null));
        given().get("/api/controls/" + CUT_CONTROL + "/failing-resources?evaluatedAt=yesterday").then()
                .statusCode(400);
        given().get("/api/controls/LS-01/failing-resources").then().statusCode(404); // the evaluator keeps none
        given().get("/api/controls/XX-99/failing-resources").then().statusCode(404);

        // An auditor's bundle of the period: every failing resource of the interval.
        byte[] zip = given().queryParam("from", at.minusSeconds(60).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/api/bundles").then().statusCode(200).extract().asByteArray();
        Path file = Files.write(Files.createTempFile("cut-status", ".zip"), zip);
        JsonNode history = new ObjectMapper().readTree(ZipFiles.read(file)
                .get("controls/" + CUT_CONTROL + "/status-history.json"));
        JsonNode interval = history.at("/intervals/0");
        assertThat(interval.path("failingResourceCount").asInt()).isEqualTo(CUT_COUNT);
        assertThat(interval.path("failingResourcesComplete").asBoolean()).isTrue();
        assertThat(interval.path("failingResources")).hasSize(CUT_COUNT);
        assertThat(interval.at("/failingResources/" + (CUT_COUNT - 1) + "/resourceKey").asText())
                .isEqualTo(StandInEvaluator.failing(CUT_COUNT - 1).resourceKey());
        Files.delete(file);
    }
}
