package dev.vigil.collector.events.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * SQS as the SDK (2.40) speaks to it: the AWS JSON 1.0 protocol, {@code POST /} at the root of the endpoint with
 * {@code X-Amz-Target: AmazonSQS.<operation>} and the queue's URL in the body. Receives answer nothing (after a
 * short wait, as a long poll would) unless a message was put, which is then received once.
 */
final class SqsStub {
    static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/111122223333/vigil-events";
    static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    SqsStub(WireMockServer server) {
        this.server = server;
        server.stubFor(operation("ReceiveMessage").atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_0)
                        .withFixedDelay(200).withBody("{}")));
        server.stubFor(operation("DeleteMessage").atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_0).withBody("{}")));
    }

    static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSQS." + name))
                .withHeader("Content-Type", equalTo(JSON_1_0))
                .withRequestBody(matchingJsonPath("$.QueueUrl", equalTo(QUEUE_URL)));
    }

    /** The next receive answers this message, once; returns its receipt handle. */
    String put(String body) {
        String handle = "AQEB" + UUID.randomUUID().toString().replace("-", "");
        String scenario = "message " + handle;
        ObjectNode message = JSON.createObjectNode()
                .put("MessageId", UUID.randomUUID().toString())
                .put("ReceiptHandle", handle)
                .put("MD5OfBody", md5(body))
                .put("Body", body);
        ObjectNode answer = JSON.createObjectNode();
        ((ArrayNode) answer.putArray("Messages")).add(message);
        server.stubFor(operation("ReceiveMessage").atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("received")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_0)
                        .withBody(answer.toString())));
        return handle;
    }

    /** The DeleteMessage calls naming this receipt handle. */
    List<LoggedRequest> deletes(String handle) {
        return server.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.DeleteMessage"))
                .withRequestBody(matchingJsonPath("$.ReceiptHandle", equalTo(handle))));
    }

    List<LoggedRequest> receives() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.ReceiveMessage")));
    }

    static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
