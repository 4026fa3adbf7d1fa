package dev.vigil.collector.events.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.Target;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.s3.S3Collector.NAME;
import static dev.vigil.collector.aws.s3.S3Collector.TARGET_ACCOUNT;
import static dev.vigil.collector.aws.s3.S3Collector.TARGET_BUCKET;

/**
 * What an EventBridge event of a CloudTrail management event names, for {@code aws-s3} to read again: a bucket
 * whose encryption, public access block, versioning or policy changed (or that was created), or an account whose
 * own public access block changed. A call that failed ({@code errorCode}) changed nothing; an account Vigil does not
 * read, or an event it reads nothing for, is ignored with the reason.
 */
public final class CloudTrailEventTargets {
    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    public static final String S3_SOURCE = "s3.amazonaws.com";
    /**
     * S3's event names and the target kind each reads again; deploy/aws/vigil-events.yaml's rule matches exactly
     * these (CloudTrailEventTargetsTest holds the two together). S3 Control's account calls are logged by S3.
     */
    public static final Map<String, String> S3_EVENTS = s3Events();
    /** The bucket is gone: nothing can be read, and a full run would publish nothing for it (retired then). */
    static final String DELETE_BUCKET = "DeleteBucket";
    /** S3's bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** The EventBridge event id, the event as named in provenance, and either what to read or why nothing. */
    public record Mapped(String eventId, String eventType, List<Target> targets, String ignoredBecause) {
    }

    /** A message that is no EventBridge event of a CloudTrail call: no read can follow from it, ever. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private CloudTrailEventTargets() {
    }

    private static Map<String, String> s3Events() {
        Map<String, String> events = new LinkedHashMap<>();
        for (String bucket : List.of("CreateBucket", "PutBucketEncryption", "DeleteBucketEncryption",
                "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock", "PutBucketVersioning",
                "PutBucketPolicy", "DeleteBucketPolicy")) {
            events.put(bucket, TARGET_BUCKET);
        }
        events.put("PutAccountPublicAccessBlock", TARGET_ACCOUNT);
        events.put("DeleteAccountPublicAccessBlock", TARGET_ACCOUNT);
        return Collections.unmodifiableMap(events);
    }

    /**
     * @param event the EventBridge event (the SQS message's body)
     * @param accountRead whether Vigil reads an account ({@code vigil.aws.*})
     */
    public static Mapped of(JsonNode event, Predicate<String> accountRead) throws Malformed {
        if (event == null || !event.isObject()) {
            throw new Malformed("not a JSON object");
        }
        String id = event.path("id").asText("");
        if (id.isBlank()) {
            throw new Malformed("no EventBridge event id");
        }
        JsonNode detail = event.path("detail");
        if (!DETAIL_TYPE.equals(event.path("detail-type").asText()) || !detail.isObject()) {
            throw new Malformed("event " + id + " is not an AWS API call via CloudTrail");
        }
        String source = detail.path("eventSource").asText("");
        String name = detail.path("eventName").asText("");
        if (source.isEmpty() || name.isEmpty()) {
            throw new Malformed("event " + id + " has no eventSource or eventName");
        }
        String eventType = source.replace(".amazonaws.com", "") + "." + name;
        if (!S3_SOURCE.equals(source)) {
            return ignored(id, eventType, "not a service Vigil reads again for events");
        }
        if (!detail.path("errorCode").asText("").isEmpty()) {
            return ignored(id, eventType, "the call failed (" + detail.path("errorCode").asText() + "): nothing changed");
        }
        String account = detail.path("recipientAccountId").asText(event.path("account").asText(""));
        if (!ACCOUNT.matcher(account).matches()) {
            throw new Malformed("event " + id + " names no account");
        }
        if (!accountRead.test(account)) {
            return ignored(id, eventType, "account " + account + " is not one Vigil reads");
        }
        if (DELETE_BUCKET.equals(name)) {
            return ignored(id, eventType, "a deleted bucket cannot be read; the next full run no longer lists it");
        }
        String kind = S3_EVENTS.get(name);
        if (kind == null) {
            return ignored(id, eventType, "not an event Vigil reads anything again for");
        }
        if (TARGET_ACCOUNT.equals(kind)) {
            return new Mapped(id, eventType, List.of(new Target(NAME, TARGET_ACCOUNT, account)), null);
        }
        String bucket = detail.path("requestParameters").path("bucketName").asText("");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new Malformed("event " + id + " (" + eventType + ") names no bucket");
        }
        return new Mapped(id, eventType, List.of(new Target(NAME, TARGET_BUCKET, account + "/" + bucket)), null);
    }

    private static Mapped ignored(String id, String eventType, String reason) {
        return new Mapped(id, eventType, List.of(), reason);
    }
}
