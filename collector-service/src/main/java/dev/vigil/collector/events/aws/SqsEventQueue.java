package dev.vigil.collector.events.aws;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SQS queue of deploy/aws/vigil-events.yaml, long-polled through the SDK (AWS JSON protocol). */
final class SqsEventQueue implements EventQueue {
    /** {@code https://sqs.<region>.amazonaws.com/<account>/<name>}. */
    private static final Pattern REGIONAL = Pattern.compile("https://sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/.*");

    private final SqsClient sqs;
    private final String queueUrl;
    private final ReceiveMessageRequest receive;

    SqsEventQueue(SqsClient sqs, String queueUrl, Duration waitTime, int maxMessages, Duration visibilityTimeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.receive = ReceiveMessageRequest.builder().queueUrl(queueUrl)
                .waitTimeSeconds((int) Math.min(20, waitTime.toSeconds()))
                .maxNumberOfMessages(Math.max(1, Math.min(10, maxMessages)))
                .visibilityTimeout((int) visibilityTimeout.toSeconds())
                .build();
    }

    /** The region a queue URL names; empty for a URL of another form (a local stand-in's). */
    static Optional<String> region(String queueUrl) {
        Matcher m = REGIONAL.matcher(queueUrl);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A queue URL's host, for a client whose endpoint is not overridden and whose URL is not AWS's form. */
    static URI endpoint(String queueUrl) {
        URI url = URI.create(queueUrl);
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }

    @Override
    public String name() {
        return queueUrl;
    }

    @Override
    public List<Message> receive() {
        return sqs.receiveMessage(receive).messages().stream()
                .map(m -> new Message(m.messageId(), m.receiptHandle(), m.body())).toList();
    }

    @Override
    public void delete(Message message) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }
}
