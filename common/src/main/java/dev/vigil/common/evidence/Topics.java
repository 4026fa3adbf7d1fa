package dev.vigil.common.evidence;

/** Default topic names; every service lets configuration override them. */
public final class Topics {
    public static final String EVIDENCE = "vigil.evidence.v1";
    public static final String COLLECTION_RUNS = "vigil.collection-runs.v1";
    public static final String CONTROL_STATUS = "vigil.control-status.v1";
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
