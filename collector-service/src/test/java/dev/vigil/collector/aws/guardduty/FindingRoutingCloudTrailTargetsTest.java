package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge events of CloudTrail's EventBridge calls (src/test/resources/FindingRoutingCloudTrailTargetsTest/). */
class FindingRoutingCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "PutRule.json, 111122223333/eu-west-1",
            "DisableRule.json, 111122223333/us-east-1",
            "RemoveTargets.json, 444455556666/us-east-1",
    })
    void aRuleOrItsTargetsChangedReadsTheRegionsRoutingAgain(String fixture, String region) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-guardduty", "region", region));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new FindingRoutingCloudTrailTargets(), getClass(),
                GuardDutyCollector.NAME);
    }
}
