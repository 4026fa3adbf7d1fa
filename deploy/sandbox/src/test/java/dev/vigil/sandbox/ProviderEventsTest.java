package dev.vigil.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drift scenario's switch sends what its provider would: GitHub's signed webhook and Okta's hook call to the
 * receivers' prefix (here a stand-in that records them), AWS's CloudTrail event onto the sandbox's queue, received
 * and deleted in the AWS JSON protocol as the SDK does it.
 */
class ProviderEventsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static Sandbox sandbox;
    private static HttpServer receivers;
    private static final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receivers.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/okta") ? 200 : 202, -1);
            }
        });
        receivers.start();
        sandbox = Sandbox.start(0);
        // at the root of a host, as a receivers' prefix can be: /hooks is resolved, not appended
        sandbox.events().deliverTo(new ProviderEvents.Receivers(
                URI.create("http://127.0.0.1:" + receivers.getAddress().getPort() + "/hooks"), "a-github-secret",
                "an-okta-secret"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receivers.stop(0);
    }

    @AfterEach
    void allOff() {
        sandbox.drift().switchAllOff();
        received.clear();
    }

    @Test
    void branchProtectionRemovedSendsGitHubsSignedWebhookAndItsUndoing() throws Exception {
        List<ProviderEvents.Delivery> on = sandbox.drift().switchOn("branch-protection-removed");

        assertThat(on).singleElement().satisfies(d -> {
            assertThat(d.provider()).isEqualTo("github");
            assertThat(d.eventType()).isEqualTo("branch_protection_rule.deleted");
            assertThat(d.status()).isEqualTo(202);
        });
        Received hook = received.get(0);
        assertThat(hook.path()).isEqualTo("/hooks/github");
        assertThat(hook.header("X-GitHub-Event")).isEqualTo("branch_protection_rule");
        assertThat(hook.header("X-GitHub-Delivery")).isEqualTo(on.get(0).deliveryId());
        assertThat(hook.header("X-Hub-Signature-256"))
                .isEqualTo("sha256=" + ProviderEvents.hmacSha256("a-github-secret", hook.body()));
        JsonNode payload = JSON.readTree(hook.body());
        assertThat(payload.path("action").asText()).isEqualTo("deleted");
        assertThat(payload.path("repository").path("full_name").asText()).isEqualTo("acme-demo/payments-api");
        assertThat(payload.path("organization").path("login").asText()).isEqualTo("acme-demo");
        assertThat(hook.body()).doesNotContain("${");

        // switching on again changes nothing and sends nothing; off sends the rule's creation, a new delivery
        assertThat(sandbox.drift().switchOn("branch-protection-removed")).isEmpty();
        List<ProviderEvents.Delivery> off = sandbox.drift().switchOff("branch-protection-removed");
        assertThat(off).singleElement().extracting(ProviderEvents.Delivery::eventType)
                .isEqualTo("branch_protection_rule.created");
        assertThat(off.get(0).deliveryId()).isNotEqualTo(on.get(0).deliveryId());
        assertThat(received).hasSize(2);
        assertThat(sandbox.events().recent()).extracting(ProviderEvents.Delivery::deliveryId)
                .containsSubsequence(on.get(0).deliveryId(), off.get(0).deliveryId());
    }

    @Test
    void oktaAdminFactorsResetCallsTheEventHookWithItsSecret() throws Exception {
        List<ProviderEvents.Delivery> on = sandbox.drift().switchOn("okta-admin-factors-reset");

        assertThat(on).singleElement().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo("user.mfa.factor.reset_all");
            assertThat(d.status()).isEqualTo(200);
        });
        Received hook = received.get(0);
        assertThat(hook.path()).isEqualTo("/hooks/okta");
        assertThat(hook.header("Authorization")).isEqualTo("an-okta-secret");
        JsonNode envelope = JSON.readTree(hook.body());
        assertThat(envelope.path("eventType").asText()).isEqualTo("com.okta.event_hook");
        assertThat(envelope.path("eventId").asText()).isEqualTo(on.get(0).deliveryId());
        JsonNode event = envelope.path("data").path("events").get(0);
        assertThat(event.path("target").get(0).path("id").asText()).isEqualTo("00ualice000demo00001");
        assertThat(event.path("published").asText()).isEqualTo(on.get(0).sentAt().toString());
    }

    @Test
    void bucketLosesEncryptionPutsCloudTrailsEventOnTheQueueUntilDeleted() throws Exception {
        List<ProviderEvents.Delivery> on = sandbox.drift().switchOn("bucket-loses-encryption");
        assertThat(on).singleElement().satisfies(d -> {
            assertThat(d.provider()).isEqualTo("aws");
            assertThat(d.eventType()).isEqualTo("s3.DeleteBucketEncryption");
        });
        assertThat(received).isEmpty();

        JsonNode first = sqs("ReceiveMessage", Map.of("MaxNumberOfMessages", 10, "WaitTimeSeconds", 1,
                "VisibilityTimeout", 0));
        JsonNode message = first.path("Messages").get(0);
        String body = message.path("Body").asText();
        assertThat(message.path("MD5OfBody").asText()).isEqualTo(DemoEventQueue.md5(body));
        JsonNode event = JSON.readTree(body);
        assertThat(event.path("id").asText()).isEqualTo(on.get(0).deliveryId());
        assertThat(event.path("detail-type").asText()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(event.path("detail").path("requestParameters").path("bucketName").asText()).isEqualTo("acme-backups");

        // not deleted within its visibility timeout (0 s here): received again, with a new receipt handle
        JsonNode again = sqs("ReceiveMessage", Map.of("WaitTimeSeconds", 1, "VisibilityTimeout", 30));
        String handle = again.path("Messages").get(0).path("ReceiptHandle").asText();
        assertThat(handle).isNotEqualTo(message.path("ReceiptHandle").asText());
        assertThat(again.path("Messages").get(0).path("MessageId").asText()).isEqualTo(message.path("MessageId").asText());
        // hidden now: a receive waits its whole second and answers nothing
        assertThat(sqs("ReceiveMessage", Map.of("WaitTimeSeconds", 1)).has("Messages")).isFalse();

        assertThat(sqs("DeleteMessage", Map.of("ReceiptHandle", handle)).isEmpty()).isTrue();
        assertThat(sandbox.eventQueue().size()).isZero();
    }

    @Test
    void adminLosesMfaWritesItsRecordToTheDirectoryAuditLogGraphLists() throws Exception {
        java.time.Instant before = java.time.Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<ProviderEvents.Delivery> on = sandbox.drift().switchOn("admin-loses-mfa");
        assertThat(on).singleElement().satisfies(d -> {
            assertThat(d.provider()).isEqualTo("entra-audit");
            assertThat(d.eventType()).isEqualTo("directoryAudit.User deleted security info");
        });
        assertThat(received).isEmpty();

        JsonNode listed = audits("loggedByService eq 'Authentication Methods' and activityDateTime ge " + before);
        JsonNode record = listed.path("value").get(0);
        assertThat(record.path("id").asText()).isEqualTo(on.get(0).deliveryId());
        assertThat(record.path("targetResources").get(0).path("userPrincipalName").asText())
                .isEqualTo("dana.lee@acme-demo.com");
        // what Graph's filter leaves out: later records, another service's
        assertThat(audits("activityDateTime ge " + before.plusSeconds(3600)).path("value").isEmpty()).isTrue();
        assertThat(audits("loggedByService eq 'Core Directory' and activityDateTime ge " + before).path("value")
                .isEmpty()).isTrue();
    }

    private static JsonNode audits(String filter) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.prefixedUrl(
                        Sandbox.Provider.MICROSOFT_GRAPH) + "/v1.0/auditLogs/directoryAudits?$filter="
                        + java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")))
                .header("Authorization", "Bearer sandbox-graph-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void theQueueAnswersAnotherQueueUrlAsSqsDoes() throws Exception {
        HttpResponse<String> r = sqsCall("ReceiveMessage",
                "{\"QueueUrl\": \"https://sqs.us-east-1.amazonaws.com/111122223333/other\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("com.amazonaws.sqs#QueueDoesNotExist");
        assertThat(r.headers().firstValue("x-amzn-query-error")).hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
    }

    @Test
    void withoutReceiversTheSwitchSaysNothingWasSent() {
        ProviderEvents.Receivers before = sandbox.events().receivers();
        sandbox.events().deliverTo(ProviderEvents.Receivers.none());
        try {
            assertThat(sandbox.drift().switchOn("leaver-stays-in-github")).singleElement()
                    .satisfies(d -> assertThat(d.outcome()).contains("not sent", "VIGIL_SANDBOX_HOOKS_URL"));
            assertThat(received).isEmpty();
        } finally {
            sandbox.events().deliverTo(before);
        }
    }

    @Test
    void theSwitchOverHttpAnswersWithWhatItSent() throws Exception {
        HttpResponse<String> on = HTTP.send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/__vigil/drift/leaver-stays-in-github"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(on.body());
        assertThat(answer.path("on").asBoolean()).isTrue();
        assertThat(answer.path("delivered").get(0).path("eventType").asText()).isEqualTo("organization.member_added");
        assertThat(answer.path("delivered").get(0).path("status").asInt()).isEqualTo(202);

        HttpResponse<String> deliveries = HTTP.send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/__vigil/deliveries")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(deliveries.body()).path("deliveries").findValuesAsText("deliveryId"))
                .contains(answer.path("delivered").get(0).path("deliveryId").asText());
    }

    private static JsonNode sqs(String operation, Map<String, Object> parameters) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(parameters);
        body.put("QueueUrl", DemoEventQueue.QUEUE_URL);
        HttpResponse<String> r = sqsCall(operation, JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** As the AWS SDK calls SQS: at the root of AWS's own port, AWS JSON 1.0. */
    private static HttpResponse<String> sqsCall(String operation, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.rootUrl(Sandbox.Provider.AWS) + "/"))
                .header("Content-Type", DemoEventQueue.JSON_1_0)
                .header("X-Amz-Target", "AmazonSQS." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
