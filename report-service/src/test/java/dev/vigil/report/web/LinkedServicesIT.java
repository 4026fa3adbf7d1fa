package dev.vigil.report.web;

import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages that show the other services' data, rendered from their JSON as served (a stand-in on a local port):
 * collection runs with progress, last success per source and errors; a control's exceptions.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(LinkedServicesTestResource.class)
class LinkedServicesIT {

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        dev.vigil.report.TestUsers.signInAs(dev.vigil.report.TestUsers.ENGINEER);
    }

    @Test
    void collectionRunsPageShowsProgressLastSuccessAndErrors() {
        String page = when().get("/collections").then().statusCode(200).contentType(ContentType.HTML)
                .extract().asString();

        assertThat(section(page, "running")).contains("In progress (1)", "github-repositories",
                "vigil://github/acme", "<code>github.repository</code> 12");
        // aws-iam's latest run is PARTIAL; its last complete run finished at 09:00:08.
        assertThat(section(page, "sources")).contains("vigil://aws/123456789012", "PARTIAL",
                "2026-11-23 09:00:08 UTC", "vigil://github/acme", "not among the recent runs");
        assertThat(section(page, "errors")).contains("run-partial", "AccessDenied",
                "missing permission <code>iam:GenerateCredentialReport</code>").doesNotContain("run-ok");
        // A run in progress: the page asks to be reloaded while it lasts.
        assertThat(page).contains("data-refresh-seconds=\"5\"").doesNotContain("collections-unavailable");
    }

    @Test
    void controlPageShowsItsExceptionsFromTheEvaluator() {
        String page = when().get("/controls/LS-07").then().statusCode(200).extract().asString();

        assertThat(section(page, "exceptions")).contains("EX-7d1f", "aws:kms:eu-west-1:key/1111",
                "dana@acme.example", "Legacy key, retired with the Q1 migration", "2027-02-01 00:00:00 UTC", "active");
        assertThat(section(when().get("/controls/CM-01").then().statusCode(200).extract().asString(), "exceptions"))
                .contains("No exception was ever recorded for this control.");
    }

    /** The HTML of the section with this id, so a text is checked where the page puts it. */
    private static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section #" + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }
}
