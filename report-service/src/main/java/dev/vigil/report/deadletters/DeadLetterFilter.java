package dev.vigil.report.deadletters;

import java.util.Locale;

/**
 * Which dead letters a listing or a replay means: those of one original topic (null: every topic), whose reason
 * contains a text, ignoring case (null: any reason). Reasons start with what went wrong ({@code UNSIGNED},
 * {@code BAD_SIGNATURE(...)}, {@code event is not JSON}, ...), so a few words select one kind of failure.
 */
public record DeadLetterFilter(String topic, String reason) {
    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null);

    public DeadLetterFilter {
        topic = topic == null || topic.isBlank() ? null : topic.trim();
        reason = reason == null || reason.isBlank() ? null : reason.trim();
    }

    public boolean matches(DeadLetter d) {
        return (topic == null || topic.equals(d.originalTopic()))
                && (reason == null || (d.reason() != null
                && d.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))));
    }

    public boolean selectsEverything() {
        return topic == null && reason == null;
    }

    @Override
    public String toString() {
        return "topic=" + (topic == null ? "(any)" : topic)
                + " reason~" + (reason == null ? "(any)" : "'" + reason + "'");
    }
}
