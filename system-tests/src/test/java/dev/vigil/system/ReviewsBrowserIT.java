package dev.vigil.system;

import dev.vigil.report.web.Browser;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An access review end to end on the stack started as the README starts it (issue 16's "done when"): a campaign of
 * LS-10 (external users) is generated from the collected accounts, the reviewer signs in and revokes the outside
 * collaborator {@code jo-contractor} on the reviewer page, the sandbox's {@code contractor-offboarded} scenario
 * removes him at GitHub (and sends the webhook GitHub would), the next collection no longer shows him, the closed
 * loop confirms the revokes, the campaign completes and LS-10 reads PASS on the dashboard. The scenario is switched
 * off again and GitHub collected again, so the demo reads as before for the tests after it.
 */
@ExtendWith(SharedDemoStack.class)
@Order(4) // after DriftIT (it expects jo-contractor at baseline); it leaves him restored for BundleIT
class ReviewsBrowserIT {
    static final String JO = "jo-contractor";
    static LocalStackRun stack;

    @BeforeAll
    static void upTheStack() {
        stack = SharedDemoStack.stack();
        RestAssured.baseURI = "http://127.0.0.1";
    }

    @Test
    void aReviewerRevokesAnAccessTheNextCollectionShowsItGoneAndTheCampaignCompletes() throws Exception {
        // the demo's LS-10 review is finished (docs/sandbox.md#demo-access-reviews): the next one may open
        awaitStatus("LS-10", "PASS");
        assertThat(stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh"))
                .contains("\"name\": \"contractor-offboarded\", \"on\": false");
        JsonPath opened = admin().contentType("application/json").body(Map.of("controlId", "LS-10"))
                .post("/api/reviews/campaigns").then().statusCode(201).extract().jsonPath();
        String id = opened.getString("campaign.campaignId");
        List<Map<String, Object>> items = opened.getList("items");
        List<Integer> jo = items.stream().filter(i -> JO.equals(i.get("account")))
                .map(i -> (Integer) i.get("itemId")).toList();
        // the organisation's outside collaborator, and on the two repositories he can change
        assertThat(jo).hasSize(3);
        assertThat(items).filteredOn(i -> JO.equals(i.get("account"))).extracting(i -> i.get("reviewer"))
                .containsOnly(LocalStackRun.ADMIN);
        // everyone else's access is kept (through the API, as any reviewer may)
        for (Map<String, Object> other : items) {
            if (!jo.contains((Integer) other.get("itemId"))) {
                admin().contentType("application/json").body(Map.of("decision", "keep", "comment",
                                "partner engagement runs to March"))
                        .post("/api/reviews/campaigns/" + id + "/items/" + other.get("itemId") + "/decision")
                        .then().statusCode(200);
            }
        }

        try (Browser browser = Browser.start(URI.create("http://127.0.0.1:" + stack.reportPort + "/"))
                .signIn(LocalStackRun.ADMIN, LocalStackRun.password(LocalStackRun.ADMIN))) {
            // from the control's page to the reviewer page, as a person would
            browser.open("/controls/LS-10");
            browser.visible(By.id("access-reviews")).click();
            browser.visible(By.id("my-items"));
            for (int item : jo) {
                String row = "item-" + id + "-" + item;
                WebElement line = browser.visible(By.id(row));
                assertThat(line.getText()).contains(JO);
                line.findElement(By.name("comment")).sendKeys("contract ended on 30 November; access not needed");
                line.findElement(By.cssSelector("button.revoke")).click();
                browser.until(d -> "revoke-requested".equals(d.findElement(By.id(row)).getAttribute("data-state")));
            }
            browser.screenshot("review-revokes-requested");
            // a revoke is only a request until a collection shows the access gone
            assertThat(campaign(id).getString("campaign.state")).isEqualTo("open");

            try {
                stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "contractor-offboarded", "on");
                collect("github-branch-protection");
                // the closed loop reads the evaluator's accounts every 5 minutes; the recheck endpoint does the same now
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                    admin().post("/api/reviews/recheck").then().statusCode(200);
                    assertThat(campaign(id).getString("campaign.state")).isEqualTo("completed");
                });
                JsonPath done = campaign(id);
                assertThat(done.getList("items.findAll { it.account == 'jo-contractor' }.state"))
                        .containsOnly("revoked-confirmed");
                assertThat(done.getList("decisions.findAll { it.decision == 'confirmed-gone' }.itemId"))
                        .containsExactlyInAnyOrderElementsOf(jo);

                browser.open("/reviews/" + id);
                assertThat(browser.visible(By.id("campaign-state")).getText()).isEqualTo("completed");
                assertThat(browser.visible(By.id("items")).getText()).contains("revoked-confirmed",
                        "contract ended on 30 November");
                // LS-10 passes on this campaign: it supersedes the demo's, and is the control's review document
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(given().port(stack.reportPort).get("/api/reviews/campaigns?controlId=LS-10").then()
                                .statusCode(200).extract().jsonPath().getList("findAll { it.campaignId != '" + id
                                        + "' }.supersededBy", String.class)).isNotEmpty().containsOnly(id));
                awaitStatus("LS-10", "PASS");
                browser.open("/controls/LS-10");
                String badge = browser.until(d -> d.findElement(By.cssSelector(".badge.big")).getText());
                assertThat(badge).isEqualTo("PASS");
                browser.screenshot("review-completed-control-passes");
            } finally {
                stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "contractor-offboarded", "off");
                collect("github-branch-protection");
            }
        }
        // jo-contractor is back at GitHub, unattributed again (LS-19): the demo's ground truth for the tests after this
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(given().port(stack.reportPort).get("/api/controls/LS-19").then().statusCode(200)
                        .extract().jsonPath().getList("failingResources.resourceKey", String.class))
                        .contains("identity-account:github:acme-demo:member:" + JO));
    }

    private static RequestSpecification admin() {
        return given().port(stack.reportPort).auth().preemptive().basic(LocalStackRun.ADMIN,
                LocalStackRun.password(LocalStackRun.ADMIN));
    }

    private static JsonPath campaign(String id) {
        return admin().get("/api/reviews/campaigns/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Starts the collector once the runs before have ended, as a user would with POST /api/collections. */
    private static void collect(String collector) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<String> states = given().port(stack.collectorPort).get("/api/collections")
                    .then().statusCode(200).extract().jsonPath().getList("state");
            return !states.contains("STARTED") && !states.contains("PROGRESS");
        });
        given().port(stack.collectorPort).queryParam("collector", collector).post("/api/collections")
                .then().statusCode(202);
    }

    private static void awaitStatus(String control, String status) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(given().port(stack.reportPort).get("/api/controls/" + control).then().statusCode(200)
                        .extract().jsonPath().getString("status")).as(control).isEqualTo(status));
    }
}
