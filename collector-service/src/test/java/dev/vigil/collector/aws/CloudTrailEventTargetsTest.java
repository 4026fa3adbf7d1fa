package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.collector.aws.s3.S3CloudTrailTargetsTest;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every CloudTrail event goes through before a collector's {@link CloudTrailTargets} sees it (recordings in
 * src/test/resources/CloudTrailEventTargetsTest/), and the rules of deploy/aws/vigil-events.yaml that select them:
 * one per declared event source, matching exactly its declared event names.
 */
public class CloudTrailEventTargetsTest {
    static final Path TEMPLATE = Path.of("..", "deploy", "aws", "vigil-events.yaml");
    /** EventBridge sources not named after the CloudTrail eventSource: CloudWatch's calls come as aws.cloudwatch. */
    static final Map<String, String> EVENTBRIDGE_SOURCES = Map.of("monitoring.amazonaws.com", "aws.cloudwatch");
    static final CloudTrailEventTargets DECLARED = CloudTrailEventTargets.declared();

    static CloudTrailEventTargets.Mapped map(String name) throws Exception {
        return CloudTrailFixtures.map(CloudTrailEventTargetsTest.class, name);
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
        JsonNode event = CloudTrailFixtures.event(getClass(), "PutBucketEncryption.other-account.json");
        assertThat(DECLARED.map(event, a -> true).targets()).singleElement().extracting(Target::name)
                .asString().startsWith("999988887777/").endsWith("partner-shared-drop");
    }

    @Test
    void anEventNoCollectorReadsAgainForIsIgnored() throws Exception {
        assertThat(map("PutBucketTagging.json")).satisfies(m -> {
            assertThat(m.targets()).isEmpty();
            assertThat(m.eventType()).isEqualTo("s3.PutBucketTagging");
            assertThat(m.ignoredBecause()).contains("not an event");
        });
    }

    @Test
    void whatIsNoCloudTrailCallIsMalformed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> map("ObjectCreated.json")).isInstanceOf(CloudTrailEventTargets.Malformed.class)
                .hasMessageContaining("not an AWS API call via CloudTrail");
        assertThatThrownBy(() -> DECLARED.map(json.readTree("[1]"), a -> true))
                .isInstanceOf(CloudTrailEventTargets.Malformed.class);
        JsonNode noId = CloudTrailFixtures.event(S3CloudTrailTargetsTest.class, "PutBucketEncryption.json");
        ((ObjectNode) noId).remove("id");
        assertThatThrownBy(() -> CloudTrailFixtures.map(noId)).hasMessageContaining("no EventBridge event id");
        JsonNode noRegion = CloudTrailFixtures.event(S3CloudTrailTargetsTest.class, "PutBucketEncryption.json");
        ((ObjectNode) noRegion.path("detail")).put("awsRegion", "../");
        assertThatThrownBy(() -> CloudTrailFixtures.map(noRegion)).hasMessageContaining("names no region");
    }

    @Test
    void everyDeclarationIsFoundAndNeverIgnoresWhatItReads() {
        List<CloudTrailTargets> declared = CloudTrailEventTargets.declarations();
        assertThat(declared).extracting(d -> d.getClass().getSimpleName()).doesNotHaveDuplicates()
                .contains("S3CloudTrailTargets", "IamCloudTrailTargets");
        for (CloudTrailTargets d : declared) {
            assertThat(d.eventSource()).matches("[a-z0-9-]+\\.amazonaws\\.com");
            assertThat(d.eventNames()).isNotEmpty();
            d.ignored().keySet().forEach(name -> assertThat(d.eventNames()).doesNotContain(name));
        }
    }

    @Test
    void theTemplateHasOneRuleForEachDeclaredSourceMatchingExactlyItsEvents() throws IOException {
        JsonNode resources = new YAMLMapper().readTree(TEMPLATE.toFile()).path("Resources");
        Map<String, Set<String>> declared = DECLARED.eventNames();
        List<String> rules = new ArrayList<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Events::Rule")) {
                rules.add(r.getKey());
            }
        });
        assertThat(rules).hasSameSizeAs(declared.keySet());
        List<String> sources = new ArrayList<>();
        for (String rule : rules) {
            JsonNode properties = resources.path(rule).path("Properties");
            JsonNode pattern = properties.path("EventPattern");
            assertThat(strings(pattern.path("detail-type"))).containsExactly(CloudTrailEventTargets.DETAIL_TYPE);
            List<String> source = strings(pattern.path("detail").path("eventSource"));
            assertThat(source).as(rule).hasSize(1);
            sources.add(source.get(0));
            assertThat(strings(pattern.path("source"))).as(rule).containsExactly(EVENTBRIDGE_SOURCES
                    .getOrDefault(source.get(0), "aws." + source.get(0).replace(".amazonaws.com", "")));
            assertThat(strings(pattern.path("detail").path("eventName"))).as(rule)
                    .containsExactlyInAnyOrderElementsOf(declared.get(source.get(0)));
            assertThat(properties.path("EventBusName").asText()).isEqualTo("default");
            assertThat(properties.path("Targets").get(0).path("Arn").path("Fn::GetAtt").toString())
                    .isEqualTo("[\"EventQueue\",\"Arn\"]");
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(declared.keySet());
        // only these rules may send to the queue
        JsonNode send = resources.path("EventQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement");
        List<String> senders = new ArrayList<>();
        send.get(0).path("Condition").path("ArnEquals").path("aws:SourceArn")
                .forEach(arn -> senders.add(arn.path("Fn::GetAtt").get(0).asText()));
        assertThat(senders).containsExactlyInAnyOrderElementsOf(rules);
    }

    @Test
    void theTemplatesQueueIsEncryptedWithADeadLetterQueueOnlyTheRulesSendToAndVigilOnlyReceivesAndDeletes()
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
