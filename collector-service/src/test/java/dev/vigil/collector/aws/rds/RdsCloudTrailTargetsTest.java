package dev.vigil.collector.aws.rds;

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

/** EventBridge events of CloudTrail's RDS calls (src/test/resources/RdsCloudTrailTargetsTest/) to the instance read. */
class RdsCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateDBInstance.json, 111122223333/us-east-1/payments-db",
            "ModifyDBInstance.json, 111122223333/eu-west-1/reporting-db",
            // renamed: the new identifier, in the lower case RDS stores it in
            "ModifyDBInstance.rename.json, 111122223333/us-east-1/orders-db-2",
    })
    void eachRdsEventReadsTheInstanceItNamesInItsRegion(String fixture, String instance) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-rds", "instance", instance));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new RdsCloudTrailTargets(), getClass(), RdsCollector.NAME);
    }

    @Test
    void aDeletedInstanceIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteDBInstance.json", "deleted instance");
    }

    @Test
    void anIdentifierRdsCannotHaveIsMalformed() {
        JsonNode event = CloudTrailFixtures.event(getClass(), "ModifyDBInstance.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).put("dBInstanceIdentifier", "../x");
        assertThatThrownBy(() -> CloudTrailFixtures.map(event)).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("names no RDS instance");
    }
}
