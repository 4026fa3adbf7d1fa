package dev.vigil.report.approval;

import dev.vigil.report.TestUsers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-person team turns four-eyes off ({@code vigil.access.four-eyes=false}): an admin may approve their own
 * request, and everything that follows says so: the approval's answer, the audit log and what the evaluator is told
 * (the same name as requester and approver, which the ledger and bundles then carry).
 */
@QuarkusTest
@TestProfile(FourEyesOffIT.FourEyesOff.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(EvaluatorStandIn.class)
class FourEyesOffIT {

    public static class FourEyesOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.access.four-eyes", "false");
        }
    }

    @ConfigProperty(name = "vigil.report.evaluator-url")
    String evaluatorUrl;

    @Test
    void anAdminApprovesTheirOwnRequestAndTheAuditLogSaysFourEyesWasOff() {
        String expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = asAdmin().contentType("application/json")
                .body(Map.of("controlId", "LS-01", "resourceKey", "aws:111122223333:s3:solo-team-bucket",
                        "justification", "one-person team, reviewed monthly", "expiresAt", expires))
                .post("/api/risk-acceptances/requests").then().statusCode(201).extract().path("id");

        JsonPath approved = asAdmin().post("/api/approval-requests/" + id + "/approve").then().statusCode(200)
                .extract().jsonPath();
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("requestedBy")).isEqualTo(TestUsers.ADMIN);
        assertThat(approved.getString("decidedBy")).isEqualTo(TestUsers.ADMIN);
        assertThat(approved.getBoolean("fourEyes")).isFalse();

        List<String> sent = given().get(evaluatorUrl + "/recorded").then().statusCode(200).extract().jsonPath()
                .getList(".");
        assertThat(sent).anySatisfy(s -> assertThat(s).startsWith("POST /api/exceptions ")
                .contains("solo-team-bucket", "\"requestedBy\":\"admin\"", "\"approvedBy\":\"admin\""));

        List<Map<String, Object>> audit = asAdmin().get("/api/audit-log?limit=50").then().statusCode(200)
                .extract().jsonPath().getList(".");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e).containsEntry("action", "RISK_ACCEPTANCE_APPROVED").containsEntry("principal", "admin");
            assertThat((String) e.get("detail")).contains("solo-team-bucket", "approved by admin",
                    "FOUR-EYES OFF (vigil.access.four-eyes=false): approved by its own requester");
        });
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN));
    }
}
