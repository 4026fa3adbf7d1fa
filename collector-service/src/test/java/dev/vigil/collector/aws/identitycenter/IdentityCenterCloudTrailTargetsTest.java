package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge events of CloudTrail's IAM Identity Center calls
 * (src/test/resources/IdentityCenterCloudTrailTargetsTest/).
 */
class IdentityCenterCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            // the call is the management account's, whichever account the assignment reaches
            "CreateAccountAssignment.json, 111122223333/us-east-1",
            "DeleteAccountAssignment.json, 111122223333/us-east-1",
    })
    void eachAssignmentEventReadsTheInstanceOfItsAccountAndRegion(String fixture, String instance) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-identity-center", "instance", instance));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new IdentityCenterCloudTrailTargets(), getClass(),
                IdentityCenterCollector.NAME);
    }

    @Test
    void aPermissionSetChangeIsNoFactAndReadsNothing() throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), "UpdatePermissionSet.json").targets()).isEmpty();
    }
}
