package dev.vigil.collector.events.aws;

import java.util.List;

/** A queue of provider events that Vigil pulls (SQS): what {@link QueueMessages} needs of it. */
public interface EventQueue {
    /** One received message: its id, the handle that deletes it, and its body. */
    record Message(String messageId, String receiptHandle, String body) {
    }

    /** The queue, as named in logs (its URL, which holds no secret). */
    String name();

    /** Waits for messages (a long poll); empty when none came. */
    List<Message> receive();

    /** Deletes a message for good: its event was read and published, or can never be. */
    void delete(Message message);
}
