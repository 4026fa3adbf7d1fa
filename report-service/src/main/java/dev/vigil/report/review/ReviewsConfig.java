package dev.vigil.report.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/** Access review campaigns (docs/access-reviews.md#configuration). */
@ConfigMapping(prefix = "vigil.reviews")
public interface ReviewsConfig {
    /** Who reviews an access nobody else is named for: a Vigil user name (as they sign in). */
    @WithDefault("admin")
    String defaultReviewer();

    /**
     * Reviewers by resource key prefix ({@code "github:acme/payments"}, {@code "aws:111122223333"}) or by system
     * ({@code github}, {@code aws}, {@code aws-identity-center}, {@code okta}, {@code entra}, {@code google}).
     */
    Map<String, String> owners();

    /** How often requested revokes are checked against the evaluator's current accounts. */
    @WithDefault("5m")
    String recheckInterval();

    /** How often every campaign is read again as evidence, so a passing due date fails it without an edit. */
    @WithDefault("1h")
    String observeInterval();

    /** Slack reminders to reviewers and the overdue notice (docs/access-reviews.md#reminders). */
    Reminders reminders();

    interface Reminders {
        /** Off: nothing is queued (the campaigns and their evidence are unchanged). */
        @WithDefault("true")
        boolean enabled();

        /** Days before the due date when reviewers with items left are reminded, besides the day it opens. */
        @WithDefault("7,1")
        List<Integer> daysBefore();

        /** How often the campaigns are looked at for reminders due (a campaign opened is looked at at once). */
        @WithDefault("1h")
        String interval();
    }

    default Reviewers reviewers() {
        return new Reviewers(owners(), defaultReviewer());
    }
}
