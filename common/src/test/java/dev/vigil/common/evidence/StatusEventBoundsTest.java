package dev.vigil.common.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status events stay far below Kafka's 1 MiB whatever the organisation's size, and still say how many fail. */
class StatusEventBoundsTest {
    static final Instant T = Instant.parse("2026-11-20T10:15:30Z");
    static final Provenance PROV = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "b"), "\"etag\"",
            "0".repeat(64), "aws-s3", "0.1.0");

    static FailingResource bucket(int i) {
        String name = "acme-%05d".formatted(i);
        return new FailingResource("aws:111122223333:s3:" + name, "aws.s3.bucket", "aws.s3.default-encryption",
                "bucket " + name + " has no default encryption configured", "sha256:" + "e".repeat(64), T, PROV);
    }

    static List<FailingResource> buckets(int n) {
        List<FailingResource> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(bucket(i));
        }
        return all;
    }

    static int bytes(ControlStatusEvent e) {
        return EventCodec.encode(e).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void tenThousandFailingBucketsAreCountedAllAndListedUpToTheLimitInTheirOrder() {
        List<FailingResource> all = buckets(10_000);
        ControlStatusEvent e = StatusEventBounds.event("LS-01", ControlStatus.FAIL, T, 10_000, all, null, 200);

        assertThat(e.failingResourceCount()).isEqualTo(10_000);
        assertThat(e.failingResources()).containsExactlyElementsOf(all.subList(0, 200));
        assertThat(e.failingResourcesCut()).isTrue();
        assertThat(bytes(e)).isLessThan(200 * 1024);
        ControlStatusEvent decoded = EventCodec.decodeStatus(EventCodec.encode(e));
        assertThat(decoded).isEqualTo(e);
        // unbounded, the same status would be far above Kafka's limit
        assertThat(bytes(new ControlStatusEvent("LS-01", ControlStatus.FAIL, T, 10_000, all, null)))
                .isGreaterThan(StatusEventBounds.KAFKA_DEFAULT_MAX_BYTES);
    }

    @Test
    void aFewFailingResourcesAreAllListed() {
        ControlStatusEvent e = StatusEventBounds.event("LS-01", ControlStatus.FAIL, T, 5, buckets(3), null, 200);
        assertThat(e.failingResourceCount()).isEqualTo(3);
        assertThat(e.failingResources()).hasSize(3);
        assertThat(e.failingResourcesCut()).isFalse();
    }

    @Test
    void theWorstCaseOfEveryFieldAtItsLongestStaysWellUnderOneMebibyte() {
        // Keys at the longest attribute accepted, of three-byte characters; reasons and parameters of control
        // characters, which JSON escapes to six bytes each; a reason naming a million unreadable resources.
        String key = "€".repeat(EventCodec.MAX_ATTRIBUTE_LENGTH);
        String escaped = "\u0001".repeat(20_000);
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            parameters.put("p" + i + escaped.substring(0, 100), escaped);
        }
        Provenance huge = new Provenance(escaped, parameters, escaped, escaped, escaped, escaped,
                List.of(new Provenance.Citation(escaped, parameters, escaped, escaped)));
        List<FailingResource> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(new FailingResource(key + i, key, key, escaped, key, T, i % 2 == 0 ? PROV : huge, key));
        }
        List<FailingResource> smallButMany = buckets(1_000_000);
        String reason = "\u0001".repeat(1_000_000);

        for (List<FailingResource> resources : List.of(all, smallButMany)) {
            // a control evidenced both ways also carries its parts, the document part with a reason of its own
            List<String> types = List.of("access-review", "commitment-review", "customer-dpa", "trust-page");
            ControlStatusEvent e = StatusEventBounds.event("LS-01", ControlStatus.NOT_EVALUATED, T, resources.size(),
                    resources, reason, Integer.MAX_VALUE).withParts(
                    new AutomatedPart(ControlStatus.NOT_EVALUATED, resources.size(), resources.size()),
                    StatusEventBounds.documents(new DocumentPart(ControlStatus.STALE, types, types, types, reason)));
            assertThat(bytes(e)).isLessThan(720 * 1024);
            ControlStatusEvent decoded = EventCodec.decodeStatus(EventCodec.encode(e));
            assertThat(decoded.failingResourceCount()).isEqualTo(resources.size());
            assertThat(decoded.failingResources()).isEqualTo(resources.subList(0, e.failingResources().size()));
            assertThat(decoded.reason()).hasSize(StatusEventBounds.REASON_CHARS).endsWith(StatusEventBounds.REASON_CUT);
            assertThat(decoded.documents().reason()).hasSize(StatusEventBounds.REASON_CHARS);
        }
    }

    @Test
    void aResourceLargerThanTheBudgetEndsTheListSoTheListedOnesAreAlwaysAPrefix() {
        List<FailingResource> all = new ArrayList<>(buckets(3));
        FailingResource big = bucket(9);
        int budget = StatusEventBounds.encodedBytes(all.get(0)) * 2 + 3;
        all.add(1, new FailingResource(big.resourceKey(), big.resourceType(), big.ruleId(), "x".repeat(budget),
                big.evidenceId(), T, PROV));
        assertThat(StatusEventBounds.listed(all, 200, budget)).containsExactly(all.get(0));
        assertThat(StatusEventBounds.listed(buckets(3), 200, budget)).containsExactlyElementsOf(buckets(2));
        assertThat(StatusEventBounds.listed(buckets(3), 0, budget)).isEmpty();
        assertThatThrownBy(() -> StatusEventBounds.listed(buckets(3), -1, budget))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReasonIsCutNeverInTheMiddleOfACharacter() {
        String emoji = "😀".repeat(StatusEventBounds.REASON_CHARS);
        String cut = StatusEventBounds.reason(emoji);
        assertThat(cut.length()).isLessThanOrEqualTo(StatusEventBounds.REASON_CHARS);
        assertThat(cut).endsWith(StatusEventBounds.REASON_CUT);
        String kept = cut.substring(0, cut.length() - StatusEventBounds.REASON_CUT.length());
        assertThat(kept).isEqualTo("😀".repeat(kept.length() / 2));
        assertThat(StatusEventBounds.reason("short")).isEqualTo("short");
        assertThat(StatusEventBounds.reason(null)).isNull();
    }

    @Test
    void anEventWrittenBeforeTheCountExistedCountsWhatItLists() {
        ControlStatusEvent e = new ControlStatusEvent("LS-01", ControlStatus.FAIL, T, 3, buckets(2), null);
        String encoded = EventCodec.encode(e);
        ObjectNode envelope = (ObjectNode) read(encoded);
        ((ObjectNode) envelope.get("data")).remove("failingResourceCount");
        ControlStatusEvent decoded = EventCodec.decodeStatus(envelope.toString());
        assertThat(decoded.failingResourceCount()).isEqualTo(2);
        assertThat(decoded).isEqualTo(e);
    }

    @Test
    void aCountSmallerThanTheListIsMalformed() {
        assertThatThrownBy(() -> new ControlStatusEvent("LS-01", ControlStatus.FAIL, T, 3, 1, buckets(2), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smaller than the 2");
        ObjectNode envelope = (ObjectNode) read(EventCodec.encode(
                new ControlStatusEvent("LS-01", ControlStatus.FAIL, T, 3, buckets(2), null)));
        ((ObjectNode) envelope.get("data")).put("failingResourceCount", 1);
        assertThatThrownBy(() -> EventCodec.decodeStatus(envelope.toString()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("failingResourceCount 1");
    }

    static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
