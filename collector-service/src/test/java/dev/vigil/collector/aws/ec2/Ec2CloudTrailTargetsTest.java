package dev.vigil.collector.aws.ec2;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge events of CloudTrail's EC2 calls (src/test/resources/Ec2CloudTrailTargetsTest/) to the group read. */
class Ec2CloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "AuthorizeSecurityGroupIngress.json, 111122223333/us-east-1/sg-0fixture0000000001",
            // named by its name (default VPC): the answer's rule names the group's id
            "AuthorizeSecurityGroupIngress.by-name.json, 111122223333/eu-west-1/sg-0a1b2c3d4e5f60718",
            "RevokeSecurityGroupIngress.json, 111122223333/us-east-1/sg-0fixture0000000001",
            "ModifySecurityGroupRules.json, 111122223333/us-east-1/sg-0fixture0000000002",
    })
    void eachIngressEventReadsTheGroupItNamesInItsRegion(String fixture, String group) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-ec2", "security-group", group));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new Ec2CloudTrailTargets(), getClass(), Ec2Collector.NAME);
    }

    @Test
    void aDeletedGroupIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteSecurityGroup.json", "deleted group");
    }
}
