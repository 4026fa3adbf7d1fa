package dev.vigil.common.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.time.Instant;
import java.util.List;

/**
 * Keeps a status event small whatever the organisation's size. Kafka refuses a record above its
 * {@code max.request.size} / {@code message.max.bytes}, 1 MiB by default (also on MSK and Confluent Cloud): a status
 * listing every failing resource of a large organisation would never be published, and its evaluation would be
 * retried for ever while the dashboard showed the old status. So an event carries the count of failing resources
 * and lists only a prefix of them, in the evaluator's order: at most {@code maxListed}, and fewer if their JSON would
 * pass {@link #LISTED_BYTES}. The reason is cut to {@link #REASON_CHARS} (a control that cannot read ten thousand
 * resources names each of them in it). The evaluator keeps the complete list and reason.
 *
 * <p>Worst case: {@link #LISTED_BYTES} of resources, two reasons (the status's and its document part's) of
 * {@link #REASON_CHARS} characters of at most 6 bytes each (a control character, JSON-escaped) and a control id,
 * the parts' lists of document types and the envelope of a few KiB stay under 720 KiB, well below 1 MiB, leaving
 * room for Kafka's own record overhead and the signature headers.
 */
public final class StatusEventBounds {
    /** Kafka's default largest record (max.request.size, message.max.bytes): what every event must stay under. */
    public static final int KAFKA_DEFAULT_MAX_BYTES = 1024 * 1024;
    /** The most UTF-8 bytes the listed failing resources may take in the event's JSON. */
    public static final int LISTED_BYTES = 512 * 1024;
    /** The longest reason an event carries, in characters. */
    public static final int REASON_CHARS = 16 * 1024;
    static final String REASON_CUT = "… (cut; the control evaluator keeps the whole reason)";

    private StatusEventBounds() {
    }

    /**
     * The event for an evaluation whose failing resources are {@code all}, in the order they are to be listed.
     *
     * @param maxListed at most this many are listed ({@code vigil.evaluator.status.failing-resources-in-event})
     */
    public static ControlStatusEvent event(String controlId, ControlStatus status, Instant evaluatedAt,
                                           int resourcesInScope, List<FailingResource> all, String reason,
                                           int maxListed) {
        return new ControlStatusEvent(controlId, status, evaluatedAt, resourcesInScope, all.size(),
                listed(all, maxListed, LISTED_BYTES), reason(reason));
    }

    /** The document part with its reason cut like the status's: a custom catalogue may require many documents. */
    public static DocumentPart documents(DocumentPart part) {
        return part == null ? null : new DocumentPart(part.status(), part.present(), part.missing(), part.expired(),
                reason(part.reason()));
    }

    /** The longest prefix of {@code all} of at most {@code maxListed} resources whose JSON fits in {@code bytes}. */
    static List<FailingResource> listed(List<FailingResource> all, int maxListed, int bytes) {
        if (maxListed < 0) {
            throw new IllegalArgumentException("at most " + maxListed + " failing resources listed: must not be negative");
        }
        int n = 0;
        long used = 2; // the brackets
        for (FailingResource r : all) {
            if (n == maxListed) {
                break;
            }
            used += encodedBytes(r) + (n == 0 ? 0 : 1); // the comma between two
            if (used > bytes) {
                break;
            }
            n++;
        }
        return List.copyOf(all.subList(0, n));
    }

    static String reason(String reason) {
        if (reason == null || reason.length() <= REASON_CHARS) {
            return reason;
        }
        int end = REASON_CHARS - REASON_CUT.length();
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--; // never half a character
        }
        return reason.substring(0, end) + REASON_CUT;
    }

    /** The resource's size in the event exactly as {@link EventCodec} writes it. */
    static int encodedBytes(FailingResource r) {
        try {
            return EventCodec.mapper().writeValueAsBytes(r).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
