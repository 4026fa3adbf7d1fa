package dev.vigil.collector.aws.kms;

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

/** EventBridge events of CloudTrail's KMS calls (src/test/resources/KmsCloudTrailTargetsTest/) to the key read. */
class KmsCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateKey.json, 111122223333/eu-west-1/7c1f0e2d-4b3a-4c5d-9e8f-0a1b2c3d4e5f",
            "EnableKey.json, 111122223333/us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab",
            "EnableKeyRotation.json, 111122223333/us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab",
            // the request names the key by its ARN: read as the key id a full run keys the item by
            "DisableKeyRotation.json, 111122223333/eu-west-1/0a000000-0000-4000-8000-00000000000a",
            "DisableKeyRotation.request-only.json, 111122223333/us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab",
    })
    void eachKmsEventReadsTheKeyItNamesInItsRegion(String fixture, String key) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-kms", "key", key));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new KmsCloudTrailTargets(), getClass(), KmsCollector.NAME);
    }

    @Test
    void aKeyLeavingWhatAwsKmsReadsIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DisableKey.json", "leaves what aws-kms reads");
        CloudTrailFixtures.ignored(getClass(), "ScheduleKeyDeletion.json", "leaves what aws-kms reads");
    }

    @Test
    void aKeyReferenceThatIsNoKeyIdIsMalformed() {
        JsonNode event = CloudTrailFixtures.event(getClass(), "DisableKeyRotation.request-only.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).put("keyId", "alias/../x");
        assertThatThrownBy(() -> CloudTrailFixtures.map(event)).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("names no KMS key");
    }

    @Test
    void anArnIsReadAsItsKeyId() {
        assertThat(KmsCloudTrailTargets.keyId("arn:aws:kms:us-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"))
                .isEqualTo("mrk-1234abcd12ab34cd56ef1234567890ab");
        assertThat(KmsCloudTrailTargets.keyId("1234abcd-12ab-34cd-56ef-1234567890ab"))
                .isEqualTo("1234abcd-12ab-34cd-56ef-1234567890ab");
    }
}
