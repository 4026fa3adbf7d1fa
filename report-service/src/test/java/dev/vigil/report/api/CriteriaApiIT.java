package dev.vigil.report.api;

import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The criteria API and the control detail's criteria, served by the running service. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CriteriaApiIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }

    @Test
    void listsEveryCriterionWithItsControls() {
        when().get("/api/criteria").then()
                .statusCode(200)
                .body("", hasSize(61))
                .body("[0].id", equalTo("CC1.1"))
                .body("find { it.id == 'CC8.1' }.series", equalTo("CC8"))
                .body("find { it.id == 'CC8.1' }.controls.id", hasItem("CM-11"))
                .body("find { it.id == 'A1.1' }.controls", hasSize(0));
    }

    @Test
    void servesOneCriterionAndA404ForAnUnknownOne() {
        when().get("/api/criteria/CC6.1").then()
                .statusCode(200)
                .body("title", equalTo("Logical access security"))
                .body("controls.find { it.id == 'LS-26' }.title", equalTo("MFA for admin activities or VPN for remote access"))
                .body("controls.find { it.id == 'LS-26' }.status", notNullValue())
                .body("controls.find { it.id == 'LS-26' }.justification", containsString("Multi-factor"));
        when().get("/api/criteria/CC6.99").then()
                .statusCode(404).contentType(ContentType.JSON)
                .body("status", equalTo(404))
                .body("error", equalTo("unknown criterion 'CC6.99'"));
    }

    @Test
    void controlDetailCarriesItsDescriptionAndCriteria() {
        when().get("/api/controls/SOC2-S1-SECURITY-COMMITMENTS").then()
                .statusCode(200)
                .body("description", startsWith("Published security commitments to customers"))
                .body("criteria.id", hasItem("CC2.3"))
                .body("criteria[0].justification", notNullValue());
        String page = when().get("/controls/LS-26").then().statusCode(200).extract().asString();
        assertThat(page).contains("Trust Services Criteria supported", "CC6.6",
                "multi-factor authentication");
    }
}
