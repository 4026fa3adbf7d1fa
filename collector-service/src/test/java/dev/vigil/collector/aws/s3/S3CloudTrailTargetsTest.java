package dev.vigil.collector.aws.s3;

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

/** EventBridge events of CloudTrail's S3 calls (src/test/resources/S3CloudTrailTargetsTest/) to what aws-s3 reads. */
public class S3CloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "CreateBucket.json, s3.CreateBucket, bucket, 111122223333/eu-west-1/acme-ml-datasets",
            "PutBucketEncryption.json, s3.PutBucketEncryption, bucket, 111122223333/us-east-1/acme-customer-data",
            "DeleteBucketEncryption.json, s3.DeleteBucketEncryption, bucket, 111122223333/us-east-1/acme-customer-data",
            "PutBucketPublicAccessBlock.json, s3.PutBucketPublicAccessBlock, bucket, 111122223333/us-east-1/acme-app-logs",
            "DeleteBucketPublicAccessBlock.json, s3.DeleteBucketPublicAccessBlock, bucket, 111122223333/us-east-1/acme-app-logs",
            "PutBucketVersioning.json, s3.PutBucketVersioning, bucket, 111122223333/us-east-1/acme-backups",
            "PutBucketPolicy.json, s3.PutBucketPolicy, bucket, 111122223333/us-east-1/acme-backups",
            "DeleteBucketPolicy.json, s3.DeleteBucketPolicy, bucket, 111122223333/us-east-1/acme-backups",
            "PutAccountPublicAccessBlock.json, s3.PutAccountPublicAccessBlock, account, 111122223333",
            "DeleteAccountPublicAccessBlock.json, s3.DeleteAccountPublicAccessBlock, account, 111122223333",
    })
    void eachS3EventReadsTheBucketOrAccountItNames(String fixture, String eventType, String kind, String name)
            throws Exception {
        CloudTrailEventTargets.Mapped mapped = CloudTrailFixtures.map(getClass(), fixture);
        assertThat(mapped.eventType()).isEqualTo(eventType);
        assertThat(mapped.eventId()).isEqualTo(CloudTrailFixtures.event(getClass(), fixture).path("id").asText())
                .isNotBlank();
        assertThat(mapped.targets()).containsExactly(new Target("aws-s3", kind, name));
        assertThat(mapped.ignoredBecause()).isNull();
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new S3CloudTrailTargets(), getClass(), S3Collector.NAME);
    }

    @Test
    void aDeletedBucketIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteBucket.json", "deleted bucket");
    }

    @Test
    void aBucketNameS3CannotHaveIsMalformed() {
        JsonNode event = CloudTrailFixtures.event(getClass(), "PutBucketEncryption.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).put("bucketName", "../etc");
        assertThatThrownBy(() -> CloudTrailFixtures.map(event)).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("names no bucket");
    }
}
