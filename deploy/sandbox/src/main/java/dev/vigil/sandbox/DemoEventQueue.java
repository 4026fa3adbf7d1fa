package dev.vigil.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The SQS queue of deploy/aws/vigil-events.yaml, as the demo account's: EventBridge's CloudTrail events for the drift
 * scenarios land here ({@link ProviderEvents}), and collector-service long-polls it through the AWS SDK as it would
 * poll SQS. Served under the AWS prefix ({@code POST /aws/}, and so at the root of AWS's own port) in the AWS JSON
 * 1.0 protocol the SDK speaks: {@code X-Amz-Target: AmazonSQS.ReceiveMessage}, {@code DeleteMessage},
 * {@code SendMessage}, the queue named by its URL in the body ({@value #QUEUE_URL}).
 *
 * <p>What SQS does that a consumer depends on, and no more: a receive waits up to {@code WaitTimeSeconds} for a
 * message (a long poll); a received message stays hidden for its visibility timeout and comes back if not deleted by
 * then, with a new receipt handle; {@code MD5OfBody} is the body's MD5, which the SDK checks.
 */
public final class DemoEventQueue implements ResponseDefinitionTransformerV2 {
    public static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/111122223333/vigil-events";
    static final String TRANSFORMER = "vigil-sqs";
    static final String JSON_1_0 = "application/x-amz-json-1.0";
    /** SQS's default when the receive names none. */
    private static final int DEFAULT_VISIBILITY_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Message {
        final String id = UUID.randomUUID().toString();
        final String body;
        Instant visibleAt;
        String receiptHandle;

        Message(String body, Instant sentAt) {
            this.body = body;
            this.visibleAt = sentAt;
        }
    }

    private final Clock clock;
    /** message id → message, in the order sent. */
    private final Map<String, Message> messages = new LinkedHashMap<>();

    DemoEventQueue(Clock clock) {
        this.clock = clock;
    }

    /** Serves the queue under {@code prefix} (the AWS prefix of the main port). */
    void attach(WireMockServer server, String prefix) {
        server.stubFor(WireMock.post(WireMock.urlPathMatching(prefix + "/?"))
                .withHeader("X-Amz-Target", WireMock.matching("AmazonSQS\\..+"))
                .atPriority(1)
                .willReturn(WireMock.aResponse().withTransformers(TRANSFORMER)));
    }

    /** Puts a message on the queue, as EventBridge does; returns its message id. */
    public synchronized String put(String body) {
        Message message = new Message(body, clock.instant());
        messages.put(message.id, message);
        notifyAll();
        return message.id;
    }

    /** Messages on the queue, received or not (SQS's ApproximateNumberOfMessages plus NotVisible). */
    public synchronized int size() {
        return messages.size();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        String operation = target.substring(target.indexOf('.') + 1);
        JsonNode request;
        try {
            request = JSON.readTree(event.getRequest().getBodyAsString());
        } catch (IOException e) {
            return error(400, "SerializationException", "SerializationException", "the request body is not JSON");
        }
        if (request == null || !QUEUE_URL.equals(request.path("QueueUrl").asText())) {
            return error(400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
                    "The specified queue does not exist.");
        }
        try {
            return switch (operation) {
                case "ReceiveMessage" -> ok(receive(request.path("MaxNumberOfMessages").asInt(1),
                        request.path("WaitTimeSeconds").asInt(0),
                        request.path("VisibilityTimeout").asInt(DEFAULT_VISIBILITY_SECONDS)));
                case "DeleteMessage" -> delete(request.path("ReceiptHandle").asText(""));
                case "SendMessage" -> ok(send(request.path("MessageBody").asText("")));
                default -> error(400, "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", "the sandbox's queue does not serve " + operation);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "InternalError", "InternalError", "interrupted");
        }
    }

    private synchronized ObjectNode receive(int max, int waitSeconds, int visibilitySeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(20, Math.max(0, waitSeconds)) * 1_000_000_000L;
        List<Message> received = visible(Math.max(1, Math.min(10, max)));
        while (received.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, nextVisibleInMillis())));
            received = visible(Math.max(1, Math.min(10, max)));
        }
        Instant now = clock.instant();
        ObjectNode answer = JSON.createObjectNode();
        if (received.isEmpty()) {
            return answer; // SQS answers {} when nothing arrived within the wait
        }
        ArrayNode list = answer.putArray("Messages");
        for (Message m : received) {
            m.visibleAt = now.plusSeconds(Math.max(0, visibilitySeconds));
            m.receiptHandle = "AQEB" + UUID.randomUUID().toString().replace("-", "");
            list.addObject().put("MessageId", m.id).put("ReceiptHandle", m.receiptHandle)
                    .put("MD5OfBody", md5(m.body)).put("Body", m.body);
        }
        return answer;
    }

    private List<Message> visible(int max) {
        Instant now = clock.instant();
        List<Message> out = new ArrayList<>();
        for (Message m : messages.values()) {
            if (out.size() == max) {
                break;
            }
            if (!m.visibleAt.isAfter(now)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Until the first hidden message shows again (a consumer that received it and never deleted it). */
    private long nextVisibleInMillis() {
        Instant now = clock.instant();
        long next = Long.MAX_VALUE;
        for (Message m : messages.values()) {
            next = Math.min(next, Math.max(1, m.visibleAt.toEpochMilli() - now.toEpochMilli()));
        }
        return next;
    }

    private synchronized ResponseDefinition delete(String handle) {
        for (Iterator<Message> it = messages.values().iterator(); it.hasNext(); ) {
            if (handle.equals(it.next().receiptHandle)) {
                it.remove();
                return ok(JSON.createObjectNode());
            }
        }
        // SQS: a handle of a message received again since (or deleted) is no longer valid
        return error(400, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    private ObjectNode send(String body) {
        String id = put(body);
        return JSON.createObjectNode().put("MessageId", id).put("MD5OfMessageBody", md5(body));
    }

    private static ResponseDefinition ok(ObjectNode body) {
        return responseDefinition().withStatus(200).withHeader("Content-Type", JSON_1_0)
                .withBody(body.toString()).build();
    }

    /** SQS's JSON errors: the type in {@code __type}, the query protocol's code in {@code x-amzn-query-error}. */
    private static ResponseDefinition error(int status, String type, String queryCode, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", "com.amazonaws.sqs#" + type).put("message", message);
        return responseDefinition().withStatus(status).withHeader("Content-Type", JSON_1_0)
                .withHeader("x-amzn-query-error", queryCode + ";Sender")
                .withBody(body.toString()).build();
    }

    static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return TRANSFORMER;
    }
}
