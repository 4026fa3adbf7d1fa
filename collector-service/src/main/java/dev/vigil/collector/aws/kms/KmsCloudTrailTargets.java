package dev.vigil.collector.aws.kms;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.kms.KmsCollector.NAME;
import static dev.vigil.collector.aws.kms.KmsCollector.TARGET_KEY;

/**
 * KMS calls {@code aws-kms} reads a key again for, in the call's region: its rotation turned on or off, a key created
 * or enabled (it enters what aws-kms reads). The key is named by the record's {@code resources} (its ARN), else
 * {@code responseElements.keyId} (the ARN, in records since December 2022), {@code requestParameters.keyId} (a key id
 * or ARN), or for CreateKey {@code responseElements.keyMetadata.keyId}; an ARN is read as the key id it ends with,
 * the id a full run keys the item by.
 */
public final class KmsCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateKey", "EnableKey", "EnableKeyRotation", "DisableKeyRotation");
    /** {@code arn:<partition>:kms:<region>:<account>:key/<key id>}. */
    private static final Pattern KEY_ARN = Pattern.compile("arn:[a-z-]+:kms:([a-z0-9-]+):(\\d{12}):key/(.+)");
    /** A key id: a UUID, or {@code mrk-} and 32 hex digits for a multi-Region key. */
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
    private static final String LEAVES_SCOPE = "the key leaves what aws-kms reads (only enabled keys are): a full run "
            + "publishes nothing for it, and the next one retires its item";

    @Override
    public String eventSource() {
        return "kms.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DisableKey", LEAVES_SCOPE, "ScheduleKeyDeletion", LEAVES_SCOPE);
    }

    @Override
    public List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed {
        String keyId = resourceArn(call)
                .or(() -> call.response("keyId"))
                .or(() -> call.request("keyId"))
                .or(() -> call.response("keyMetadata", "keyId"))
                .map(KmsCloudTrailTargets::keyId)
                .filter(id -> KEY_ID.matcher(id).matches())
                .orElseThrow(() -> call.malformed("KMS key"));
        return List.of(new Target(NAME, TARGET_KEY, call.inRegion(keyId)));
    }

    private static Optional<String> resourceArn(CloudTrailCall call) {
        for (var resource : call.detail().path("resources")) {
            if ("AWS::KMS::Key".equals(resource.path("type").asText())) {
                return Optional.of(resource.path("ARN").asText("")).filter(a -> !a.isBlank());
            }
        }
        return Optional.empty();
    }

    /** The key id a key ARN ends with; anything else as it is (checked against {@link #KEY_ID} after). */
    static String keyId(String reference) {
        Matcher arn = KEY_ARN.matcher(reference);
        return arn.matches() ? arn.group(3) : reference;
    }
}
