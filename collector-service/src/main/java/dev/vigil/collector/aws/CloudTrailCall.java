package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One successful CloudTrail call of an account Vigil reads, as a {@link CloudTrailTargets} sees it: where it was made
 * and what its {@code requestParameters} and {@code responseElements} say.
 *
 * @param eventType as named in provenance ({@code iam.DeactivateMFADevice})
 * @param region    {@code awsRegion}: for a regional service, the region of the resource the call changed
 * @param detail    the EventBridge event's {@code detail} (the CloudTrail record)
 */
public record CloudTrailCall(String eventId, String eventType, String eventName, String account, String region,
                             JsonNode detail) {
    /** A non-blank text at {@code path} (field names) under {@code requestParameters}. */
    public Optional<String> request(String... path) {
        return text(detail.path("requestParameters"), path);
    }

    /** A non-blank text at {@code path} under {@code responseElements}. */
    public Optional<String> response(String... path) {
        return text(detail.path("responseElements"), path);
    }

    /** A non-blank text at {@code path} under {@code userIdentity} (the caller). */
    public Optional<String> caller(String... path) {
        return text(detail.path("userIdentity"), path);
    }

    /** A target's name for what the call changed in its region: {@code <account id>/<region>}. */
    public String inRegion() {
        return account + "/" + region;
    }

    /** A target's name for one resource of the call's region: {@code <account id>/<region>/<resource>}. */
    public String inRegion(String resource) {
        return inRegion() + "/" + resource;
    }

    /** The event does not name {@code what} as CloudTrail records it: no read can follow from it. */
    public CloudTrailEventTargets.Malformed malformed(String what) {
        return new CloudTrailEventTargets.Malformed("event " + eventId + " (" + eventType + ") names no " + what);
    }

    private static Optional<String> text(JsonNode node, String... path) {
        for (String field : path) {
            node = node.path(field);
        }
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
