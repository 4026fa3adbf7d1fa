package dev.vigil.report.review;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.report.TestUsers;
import dev.vigil.report.alerts.SlackWebhookResource;
import dev.vigil.stack.Database;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slack reminders of an access review through the alerts' outbox to the local Slack webhook (WireMock), on a real
 * PostgreSQL: one reminder per reviewer with items left per step (opened, 7 days before, 1 day before), then one
 * overdue notice, each once however often the reminders are looked for. The campaign's days are moved in the
 * database to stand for the days passing.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SlackWebhookResource.class)
@WithTestResource(AccountsStandIn.class)
class ReviewRemindersIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ReminderService reminders;

    @BeforeEach
    void signIn() throws SQLException {
        TestUsers.signInAs(TestUsers.ENGINEER);
        // an earlier run's campaign still open would refuse a new one of its control: completed, it refuses nothing
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE report.review_campaign SET completed_on = due_on "
                    + "WHERE completed_on IS NULL");
        }
    }

    @Test
    void eachReviewerHearsOncePerStepAndTheOwnersOnceWhenOverdue() throws Exception {
        // LS-24: alice's Okta account and the payments repository's grants for admin (default and owner), alice's
        // GitHub membership for engineer (github's owner)
        AccountsStandIn.collected(List.of(ReviewsIT.ALICE, ReviewsIT.OKTA_ALICE, ReviewsIT.payments(true)));
        String id = TestUsers.as(TestUsers.ADMIN).contentType("application/json").body(Map.of("controlId", "LS-24"))
                .post("/api/reviews/campaigns").then().statusCode(201).extract().path("campaign.campaignId");
        // opened: the reviewers hear of it at once; looking again sends nothing more
        reminders.remind();
        reminders.remind();
        List<String> posted = awaitPosts(id, 2);
        assertThat(posted).anyMatch(p -> p.contains("admin: ")).anyMatch(p -> p.contains("engineer: 1 access(es)"))
                .allMatch(p -> p.contains("https://vigil.test/reviews/" + id));

        // 5 days before the due date: the 7-day step, once each
        moveDue(id, 5);
        reminders.remind();
        reminders.remind();
        posted = awaitPosts(id, 4);
        assertThat(posted.subList(2, 4)).allMatch(p -> p.contains("(in 5 days)"));

        // engineer decided: on the last day only admin is reminded
        TestUsers.as(TestUsers.ENGINEER).contentType("application/json")
                .body(Map.of("decision", "keep", "comment", "CTO")).post("/api/reviews/campaigns/" + id
                        + "/items/" + engineersItem(id) + "/decision").then().statusCode(200);
        moveDue(id, 1);
        reminders.remind();
        reminders.remind();
        posted = awaitPosts(id, 5);
        assertThat(posted.get(4)).contains("admin: ", "(in 1 day)");

        // overdue: one notice for the control's owners, naming whose items are left
        moveDue(id, -2);
        reminders.remind();
        reminders.remind();
        posted = awaitPosts(id, 6);
        assertThat(posted.get(5)).contains("LS-24 access review overdue", "2 days ago", "admin: ")
                .doesNotContain("engineer: ");

        try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT alert_key, transition, state "
                + "FROM report.alert WHERE alert_key LIKE 'review/" + id + "/%' ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1).substring(("review/" + id + "/").length()) + " " + rs.getString(2) + " "
                        + rs.getString(3));
            }
            assertThat(rows).containsExactly("opened/admin REVIEW_REMINDER SENT",
                    "opened/engineer REVIEW_REMINDER SENT", "due-in-7-days/admin REVIEW_REMINDER SENT",
                    "due-in-7-days/engineer REVIEW_REMINDER SENT", "due-in-1-day/admin REVIEW_REMINDER SENT",
                    "overdue REVIEW_OVERDUE SENT");
        }
    }

    private static int engineersItem(String id) {
        return TestUsers.as(TestUsers.ADMIN).get("/api/reviews/campaigns/" + id).then().statusCode(200).extract()
                .jsonPath().getInt("items.find { it.reviewer == 'engineer' }.itemId");
    }

    /** The campaign as if today were {@code days} before its due date (negative: after), its window unchanged. */
    private static void moveDue(String id, int days) throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE report.review_campaign SET due_on = current_date + " + days
                    + ", opened_on = current_date + " + days + " - 91 WHERE campaign_id = '" + id + "'");
        }
    }

    /** The messages posted to the default webhook about this campaign, once exactly {@code count} arrived. */
    private static List<String> awaitPosts(String id, int count) throws InterruptedException {
        await().atMost(WAIT).until(() -> posts(id).size() >= count);
        Thread.sleep(2000); // several sender ticks (1 s): anything posted twice would be here by now
        List<String> posts = posts(id);
        assertThat(posts).hasSize(count);
        return posts;
    }

    private static List<String> posts(String id) {
        return SlackWebhookResource.server().findAll(postRequestedFor(urlEqualTo("/hooks/default"))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("/reviews/" + id)).toList();
    }

    private static Connection connect() throws SQLException {
        Database db = TestServers.postgres();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
