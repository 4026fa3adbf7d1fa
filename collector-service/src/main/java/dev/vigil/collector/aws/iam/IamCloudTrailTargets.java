package dev.vigil.collector.aws.iam;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.iam.IamCollector.NAME;
import static dev.vigil.collector.aws.iam.IamCollector.TARGET_USER;

/**
 * IAM calls {@code aws-iam} reads a user again for: what changes its credential report row (created, console
 * password, MFA device, access keys) or its e-mail tag. The user is {@code requestParameters.userName}; the access
 * key calls may leave it out to mean the caller's own user ({@code userIdentity.userName} of an IAM user), and
 * CreateAccessKey also answers it ({@code responseElements.accessKey.userName}). Policy and group changes are not
 * read again: no user fact holds them, and the administrators' list is the next full run's (a targeted read could
 * add a principal but never retire one).
 */
public final class IamCloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("CreateUser", "CreateLoginProfile", "DeleteLoginProfile",
            "EnableMFADevice", "DeactivateMFADevice", "CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey",
            "TagUser", "UntagUser");
    /** IAM's user names: letters, digits and _+=,.@- (1 to 64). */
    private static final Pattern USER = Pattern.compile("[\\w+=,.@-]{1,64}");

    @Override
    public String eventSource() {
        return "iam.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteUser", "a deleted user cannot be read; the next full run no longer lists it");
    }

    @Override
    public List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed {
        String user = call.request("userName")
                .or(() -> call.response("accessKey", "userName"))
                .or(() -> call.caller("type").filter("IAMUser"::equals).flatMap(t -> call.caller("userName")))
                .filter(u -> USER.matcher(u).matches())
                .orElseThrow(() -> call.malformed("IAM user"));
        return List.of(new Target(NAME, TARGET_USER, call.account() + "/" + user));
    }
}
