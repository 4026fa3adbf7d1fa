package dev.vigil.collector.events;

/**
 * What a receiver made of a provider's GET to its path: the provider's one-time check that the URL is its receiver
 * (Okta's event hook verification). Either the JSON body to answer 200 with, or why it is refused (a fixed word,
 * the metric's {@code reason} label), or none when the provider makes no such check.
 */
public record Challenge(String json, String rejectedBecause) {
    private static final Challenge NONE = new Challenge(null, null);

    public static Challenge answer(String json) {
        return new Challenge(json, null);
    }

    /** @param reason a fixed word such as {@code bad-authorization} */
    public static Challenge rejected(String reason) {
        return new Challenge(null, reason);
    }

    /** The provider makes no such check: a GET is not one of its deliveries. */
    public static Challenge none() {
        return NONE;
    }
}
