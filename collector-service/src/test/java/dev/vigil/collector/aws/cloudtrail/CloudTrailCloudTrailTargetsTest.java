package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge events of CloudTrail's own calls (src/test/resources/CloudTrailCloudTrailTargetsTest/) to the account
 * whose trails are read.
 */
class CloudTrailCloudTrailTargetsTest {
    @ParameterizedTest
    @ValueSource(strings = {"CreateTrail.json", "UpdateTrail.json", "StopLogging.json", "StartLogging.json",
            "DeleteTrail.json"})
    void eachTrailEventReadsTheAccountsTrailsWhicheverWayItNamesTheTrail(String fixture) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-cloudtrail", "account", "111122223333"));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new CloudTrailCloudTrailTargets(), getClass(),
                CloudTrailCollector.NAME);
    }

    @Test
    void eventSelectorsChangeNoFactAndAreNotReadAgainFor() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "PutEventSelectors.json", "not an event");
    }
}
