package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge events of CloudTrail's GuardDuty calls (src/test/resources/GuardDutyCloudTrailTargetsTest/). */
class GuardDutyCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateDetector.json, 111122223333/eu-west-1",
            "UpdateDetector.json, 111122223333/us-east-1",
            // the region's item then says it has no detector: a fact a targeted read can show
            "DeleteDetector.json, 444455556666/eu-west-1",
    })
    void eachGuardDutyEventReadsItsRegion(String fixture, String region) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-guardduty", "region", region));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new GuardDutyCloudTrailTargets(), getClass(),
                GuardDutyCollector.NAME);
    }
}
