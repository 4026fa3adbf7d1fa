package dev.vigil.system;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drift while the stack runs (docs/sandbox.md, "Drift scenarios"): switching on bucket-loses-encryption and
 * branch-protection-removed with deploy/local/drift.sh and collecting again turns LS-01 and CM-12 from PASS to
 * FAIL, naming the drifted bucket and branch; switching them off and collecting again brings both back to PASS.
 */
class DriftIT {
    static final String BUCKET = "aws:111122223333:s3:acme-backups";
    static final String BRANCH = "github:acme-demo/payments-api:branch:main";
    static LocalStackRun stack;

    @BeforeAll
    static void upTheStack() throws Exception {
        stack = LocalStackRun.up("vigil-drift-test");
        RestAssured.baseURI = "http://127.0.0.1";
    }

    @AfterAll
    static void downTheStack() throws Exception {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void driftTurnsControlsFromPassToFailAndBack() throws Exception {
        awaitStatus("LS-01", "PASS");
        awaitStatus("CM-12", "PASS");
        assertThat(stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh"))
                .contains("\"name\": \"bucket-loses-encryption\", \"on\": false");

        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "bucket-loses-encryption", "on");
        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "branch-protection-removed");
        collect();

        JsonPath ls01 = awaitStatus("LS-01", "FAIL");
        assertThat(ls01.getList("failingResources.resourceKey")).containsExactly(BUCKET);
        assertThat(ls01.getInt("resourcesInScope")).isEqualTo(9);
        JsonPath cm12 = awaitStatus("CM-12", "FAIL");
        // one failing resource per failed rule: unprotected, hence no approvals and no dismissal of stale ones
        assertThat(cm12.getList("failingResources.resourceKey")).isNotEmpty().containsOnly(BRANCH);
        assertThat(cm12.getString("failingResources[0].provenance.collector")).isEqualTo("github-branch-protection");
        assertThat(cm12.getInt("resourcesInScope")).isEqualTo(4);

        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "bucket-loses-encryption", "off");
        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "all", "off");
        collect();

        assertThat(awaitStatus("LS-01", "PASS").getList("failingResources")).isEmpty();
        assertThat(awaitStatus("CM-12", "PASS").getList("failingResources")).isEmpty();
    }

    /** Starts the two collectors once the runs before have ended, as a user would with POST /api/collections. */
    private static void collect() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<String> states = given().port(stack.collectorPort).get("/api/collections")
                    .then().statusCode(200).extract().jsonPath().getList("state");
            return !states.contains("STARTED") && !states.contains("PROGRESS");
        });
        for (String collector : List.of("aws-s3-encryption", "github-branch-protection")) {
            given().port(stack.collectorPort).queryParam("collector", collector).post("/api/collections")
                    .then().statusCode(202);
        }
    }

    private static JsonPath awaitStatus(String control, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            last[0] = given().port(stack.reportPort).get("/api/controls/" + control)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(last[0].getString("status")).as(control + " status").isEqualTo(status);
        });
        return last[0];
    }
}
