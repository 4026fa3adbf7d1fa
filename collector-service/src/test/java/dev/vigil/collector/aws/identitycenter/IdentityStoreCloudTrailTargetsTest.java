package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge events of CloudTrail's Identity Store calls (src/test/resources/IdentityStoreCloudTrailTargetsTest/). */
class IdentityStoreCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateUser.json, 111122223333/us-east-1",
            "UpdateUser.json, 111122223333/us-east-1",
            "CreateGroupMembership.json, 111122223333/us-east-1",
            "DeleteGroupMembership.json, 111122223333/us-east-1",
            "UpdateGroup.json, 111122223333/us-east-1",
            // the group's members lose it: they are users still, read again with the instance
            "DeleteGroup.json, 444455556666/eu-west-1",
    })
    void eachIdentityStoreEventReadsTheInstanceOfItsAccountAndRegion(String fixture, String instance)
            throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-identity-center", "instance", instance));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new IdentityStoreCloudTrailTargets(), getClass(),
                IdentityCenterCollector.NAME);
    }

    @Test
    void aDeletedUserIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteUser.json", "cannot retire it");
    }

    @Test
    void aNewGroupHasNoMemberYetAndReadsNothing() throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), "CreateGroup.json").targets()).isEmpty();
    }
}
