package dev.vigil.collector.events.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.collector.aws.s3.S3CloudTrailTargetsTest;
import dev.vigil.collector.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The real SDK client against SQS's JSON protocol served at the root of a host, as sqs.<region>.amazonaws.com. */
class SqsEventQueueTest {
    WireMockServer server;
    SqsClient sqs;
    SqsStub stub;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        stub = new SqsStub(server);
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                .endpointOverride(URI.create(server.baseUrl())).build();
    }

    @AfterEach
    void stop() {
        sqs.close();
        server.stop();
    }

    @Test
    void receivesWithALongPollAndDeletesByReceiptHandle() {
        SqsEventQueue queue = new SqsEventQueue(sqs, SqsStub.QUEUE_URL, Duration.ofSeconds(20), 10,
                Duration.ofMinutes(5));
        String body = Fixtures.text(S3CloudTrailTargetsTest.class, "PutBucketEncryption.json");
        String handle = stub.put(body);

        var received = queue.receive();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.receiptHandle()).isEqualTo(handle);
        });
        LoggedRequest receive = stub.receives().get(0);
        assertThat(receive.getBodyAsString()).contains("\"WaitTimeSeconds\":20").contains("\"MaxNumberOfMessages\":10")
                .contains("\"VisibilityTimeout\":300");
        assertThat(receive.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/sqs/aws4_request");
        assertThat(queue.receive()).isEmpty(); // received once

        queue.delete(received.get(0));
        assertThat(stub.deletes(handle)).hasSize(1);
    }

    @Test
    void theRegionIsTheQueueUrlsAndALocalQueueIsAskedAtItsHost() {
        assertThat(SqsEventQueue.region(SqsStub.QUEUE_URL)).contains("us-east-1");
        assertThat(SqsEventQueue.region("https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-events"))
                .contains("eu-west-1");
        assertThat(SqsEventQueue.region("http://127.0.0.1:9324/000000000000/vigil-events")).isEmpty();
        assertThat(SqsEventQueue.endpoint("http://127.0.0.1:9324/000000000000/vigil-events"))
                .isEqualTo(URI.create("http://127.0.0.1:9324"));
    }
}
