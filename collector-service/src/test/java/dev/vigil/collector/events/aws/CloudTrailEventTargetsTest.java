package dev.vigil.collector.events.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EventBridge events of CloudTrail's S3 calls, in the shape EventBridge delivers them to SQS
 * (src/test/resources/CloudTrailEventTargetsTest/), and the rule of deploy/aws/vigil-events.yaml that selects them.
 */
class CloudTrailEventTargetsTest {
    static final String ACCOUNT = "111122223333";
    static final Set<String> READ = Set.of(ACCOUNT, "444455556666");
    static final Path TEMPLATE = Path.of("..", "deploy", "aws", "vigil-events.yaml");

    static JsonNode fixture(String name) throws IOException {
        return new ObjectMapper().readTree(Fixtures.bytes(CloudTrailEventTargetsTest.class, name));
    }

    static CloudTrailEventTargets.Mapped map(String name) throws Exception {
        return CloudTrailEventTargets.of(fixture(name), READ::contains);
    }

    @ParameterizedTest
    @CsvSource({
            "CreateBucket.json, s3.CreateBucket, bucket, 111122223333/acme-ml-datasets",
            "PutBucketEncryption.json, s3.PutBucketEncryption, bucket, 111122223333/acme-customer-data",
            "DeleteBucketEncryption.json, s3.DeleteBucketEncryption, bucket, 111122223333/acme-customer-data",
            "PutBucketPublicAccessBlock.json, s3.PutBucketPublicAccessBlock, bucket, 111122223333/acme-app-logs",
            "DeleteBucketPublicAccessBlock.json, s3.DeleteBucketPublicAccessBlock, bucket, 111122223333/acme-app-logs",
            "PutBucketVersioning.json, s3.PutBucketVersioning, bucket, 111122223333/acme-backups",
            "PutBucketPolicy.json, s3.PutBucketPolicy, bucket, 111122223333/acme-backups",
            "DeleteBucketPolicy.json, s3.DeleteBucketPolicy, bucket, 111122223333/acme-backups",
            "PutAccountPublicAccessBlock.json, s3.PutAccountPublicAccessBlock, account, 111122223333",
            "DeleteAccountPublicAccessBlock.json, s3.DeleteAccountPublicAccessBlock, account, 111122223333",
    })
    void eachS3EventReadsTheBucketOrAccountItNames(String fixture, String eventType, String kind, String name)
            throws Exception {
        CloudTrailEventTargets.Mapped mapped = map(fixture);
        assertThat(mapped.eventType()).isEqualTo(eventType);
        assertThat(mapped.eventId()).isEqualTo(fixture(fixture).path("id").asText()).isNotBlank();
        assertThat(mapped.targets()).containsExactly(new Target("aws-s3", kind, name));
        assertThat(mapped.ignoredBecause()).isNull();
    }

    @Test
    void everyMappedEventNameHasARecordedEventThatReadsItsKind() throws Exception {
        for (var event : CloudTrailEventTargets.S3_EVENTS.entrySet()) {
            CloudTrailEventTargets.Mapped mapped = map(event.getKey() + ".json");
            assertThat(mapped.eventType()).isEqualTo("s3." + event.getKey());
            assertThat(mapped.targets()).singleElement().extracting(Target::kind).isEqualTo(event.getValue());
        }
    }

    @Test
    void aFailedCallChangedNothingAndReadsNothing() throws Exception {
        CloudTrailEventTargets.Mapped mapped = map("PutBucketEncryption.failed.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.eventType()).isEqualTo("s3.PutBucketEncryption");
        assertThat(mapped.ignoredBecause()).contains("AccessDenied");
    }

    @Test
    void anAccountVigilDoesNotReadIsIgnored() throws Exception {
        CloudTrailEventTargets.Mapped mapped = map("PutBucketEncryption.other-account.json");
        assertThat(mapped.targets()).isEmpty();
        assertThat(mapped.ignoredBecause()).contains("999988887777");
        // the same event is read once the account is one Vigil reads
        assertThat(CloudTrailEventTargets.of(fixture("PutBucketEncryption.other-account.json"), a -> true).targets())
                .containsExactly(new Target("aws-s3", "bucket", "999988887777/partner-shared-drop"));
    }

    @Test
    void aDeletedBucketAndAnEventVigilReadsNothingForAreIgnored() throws Exception {
        assertThat(map("DeleteBucket.json")).satisfies(m -> {
            assertThat(m.targets()).isEmpty();
            assertThat(m.ignoredBecause()).contains("deleted bucket");
        });
        assertThat(map("PutBucketTagging.json")).satisfies(m -> {
            assertThat(m.targets()).isEmpty();
            assertThat(m.eventType()).isEqualTo("s3.PutBucketTagging");
        });
    }

    @Test
    void whatIsNoCloudTrailCallIsMalformed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> map("ObjectCreated.json")).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("not an AWS API call via CloudTrail");
        assertThatThrownBy(() -> CloudTrailEventTargets.of(json.readTree("[1]"), READ::contains))
                .isInstanceOf(CloudTrailEventTargets.Malformed.class);
        JsonNode noId = fixture("PutBucketEncryption.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) noId).remove("id");
        assertThatThrownBy(() -> CloudTrailEventTargets.of(noId, READ::contains))
                .hasMessageContaining("no EventBridge event id");
        JsonNode noBucket = fixture("PutBucketEncryption.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) noBucket.path("detail").path("requestParameters"))
                .put("bucketName", "../etc");
        assertThatThrownBy(() -> CloudTrailEventTargets.of(noBucket, READ::contains))
                .hasMessageContaining("names no bucket");
    }

    @Test
    void theTemplatesRuleMatchesExactlyTheEventsMapped() throws IOException {
        JsonNode resources = new YAMLMapper().readTree(TEMPLATE.toFile()).path("Resources");
        JsonNode pattern = resources.path("S3ApiCallsRule").path("Properties").path("EventPattern");
        assertThat(strings(pattern.path("detail-type"))).containsExactly(CloudTrailEventTargets.DETAIL_TYPE);
        assertThat(strings(pattern.path("detail").path("eventSource")))
                .containsExactly(CloudTrailEventTargets.S3_SOURCE);
        assertThat(strings(pattern.path("detail").path("eventName")))
                .containsExactlyInAnyOrderElementsOf(CloudTrailEventTargets.S3_EVENTS.keySet());
        assertThat(resources.path("S3ApiCallsRule").path("Properties").path("EventBusName").asText())
                .isEqualTo("default");
    }

    @Test
    void theTemplatesQueueIsEncryptedWithADeadLetterQueueOnlyTheRuleSendsToAndVigilOnlyReceivesAndDeletes()
            throws IOException {
        JsonNode resources = new YAMLMapper().readTree(TEMPLATE.toFile()).path("Resources");
        JsonNode queue = resources.path("EventQueue").path("Properties");
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(resources.path("DeadLetterQueue").path("Properties").path("SqsManagedSseEnabled").asBoolean())
                .isTrue();
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").toString())
                .isEqualTo("[\"DeadLetterQueue\",\"Arn\"]");
        JsonNode send = resources.path("EventQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement");
        assertThat(send).hasSize(1);
        assertThat(send.get(0).path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(send.get(0).path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(send.get(0).path("Condition").path("ArnEquals").path("aws:SourceArn").path("Fn::GetAtt")
                .toString()).isEqualTo("[\"S3ApiCallsRule\",\"Arn\"]");
        JsonNode vigil = resources.path("VigilQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement");
        assertThat(vigil).hasSize(1);
        assertThat(strings(vigil.get(0).path("Action")))
                .containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
        assertThat(vigil.get(0).path("Resource").path("Fn::GetAtt").toString())
                .isEqualTo("[\"EventQueue\",\"Arn\"]");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
