package dev.vigil.collector.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge events of CloudTrail's IAM calls (src/test/resources/IamCloudTrailTargetsTest/) to the user read. */
public class IamCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateUser.json, iam.CreateUser, 111122223333/dana.sre",
            "CreateLoginProfile.json, iam.CreateLoginProfile, 111122223333/bob.ops",
            "DeleteLoginProfile.json, iam.DeleteLoginProfile, 111122223333/bob.ops",
            "EnableMFADevice.json, iam.EnableMFADevice, 111122223333/bob.ops",
            "DeactivateMFADevice.json, iam.DeactivateMFADevice, 111122223333/alice.admin",
            "CreateAccessKey.json, iam.CreateAccessKey, 111122223333/ci-deploy",
            "UpdateAccessKey.json, iam.UpdateAccessKey, 111122223333/ci-deploy",
            "DeleteAccessKey.json, iam.DeleteAccessKey, 111122223333/ci-deploy",
            "TagUser.json, iam.TagUser, 111122223333/bob.ops",
            "UntagUser.json, iam.UntagUser, 111122223333/bob.ops",
            // no userName: the caller's own access key, named by the answer or by the calling IAM user
            "CreateAccessKey.own-user.json, iam.CreateAccessKey, 111122223333/bob.ops",
            "UpdateAccessKey.own-user.json, iam.UpdateAccessKey, 111122223333/bob.ops",
    })
    void eachIamEventReadsTheUserItNames(String fixture, String eventType, String user) throws Exception {
        CloudTrailEventTargets.Mapped mapped = CloudTrailFixtures.map(getClass(), fixture);
        assertThat(mapped.eventType()).isEqualTo(eventType);
        assertThat(mapped.targets()).containsExactly(new Target("aws-iam", "user", user));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new IamCloudTrailTargets(), getClass(), IamCollector.NAME);
    }

    @Test
    void aDeletedUserIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteUser.json", "deleted user");
    }

    @Test
    void aCallNamingNoUserIsMalformed() {
        JsonNode event = CloudTrailFixtures.event(getClass(), "UpdateAccessKey.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).remove("userName");
        // the caller is a role: it has no access key of its own, so the event names no user
        assertThatThrownBy(() -> CloudTrailFixtures.map(event)).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("names no IAM user");
        ((ObjectNode) event.path("detail").path("requestParameters")).put("userName", "bob ops/../x");
        assertThatThrownBy(() -> CloudTrailFixtures.map(event)).hasMessageContaining("names no IAM user");
    }
}
