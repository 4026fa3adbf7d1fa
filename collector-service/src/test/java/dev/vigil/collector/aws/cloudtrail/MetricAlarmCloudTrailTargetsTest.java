package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge events of CloudTrail-recorded alarm calls (src/test/resources/MetricAlarmCloudTrailTargetsTest/) to the
 * account whose trails and alarms are read.
 */
public class MetricAlarmCloudTrailTargetsTest {
    @ParameterizedTest
    @ValueSource(strings = {"PutMetricAlarm.json", "DeleteAlarms.json", "EnableAlarmActions.json", "DisableAlarmActions.json"})
    void eachEventReadsTheAccountsTrailsAndAlarms(String fixture) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-cloudtrail", "account", "111122223333"));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new MetricAlarmCloudTrailTargets(), getClass(),
                CloudTrailCollector.NAME);
    }
}
