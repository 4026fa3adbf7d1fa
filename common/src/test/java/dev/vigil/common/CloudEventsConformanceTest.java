package dev.vigil.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.vigil.common.EventCodecTest.T;
import static dev.vigil.common.EventCodecTest.evidence;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil writes its CloudEvents envelope itself ({@link EventCodec}: one JSON parse per record, the exact bytes it signs,
 * and decoding errors that name the attribute for the dead-letter reason), so the CloudEvents SDK checks it here, in
 * both directions: what Vigil writes the SDK reads as a valid 1.0 event, and what the SDK writes Vigil reads.
 */
class CloudEventsConformanceTest {
    private final EventFormat sdk = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    @Test
    void theSdkReadsWhatVigilWrites() throws Exception {
        EvidenceEvent e = evidence(Map.of("bucket", "acme-backups", "defaultEncryption", "AES256"), T, "run-1");

        CloudEvent read = sdk.deserialize(EventCodec.encode(e).getBytes(StandardCharsets.UTF_8));

        assertThat(read.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(read.getId()).isEqualTo(e.id());
        assertThat(read.getSource()).isEqualTo(URI.create("vigil://aws/111122223333"));
        assertThat(read.getType()).isEqualTo(EventCodec.EVIDENCE_TYPE);
        assertThat(read.getSubject()).isEqualTo(e.resourceKey());
        assertThat(read.getTime().toInstant()).isEqualTo(T);
        assertThat(read.getDataContentType()).isEqualTo("application/json");
        JsonNode data = EventCodec.mapper().readTree(read.getData().toBytes());
        assertThat(data.path("facts").path("defaultEncryption").asText()).isEqualTo("AES256");
        assertThat(data.path("resourceKey").asText()).isEqualTo(e.resourceKey());
    }

    @Test
    void vigilReadsWhatTheSdkWrites() throws Exception {
        EvidenceEvent e = evidence(Map.of("bucket", "acme-backups", "versioning", true), T, "run-7");
        byte[] data = EventCodec.mapper().writeValueAsBytes(
                EventCodec.mapper().readTree(EventCodec.encode(e)).get("data"));
        CloudEvent built = CloudEventBuilder.v1()
                .withId(e.id())
                .withSource(URI.create(e.source().uri()))
                .withType(EventCodec.EVIDENCE_TYPE)
                .withSubject(e.resourceKey())
                .withTime(T.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .build();

        EvidenceEvent read = EventCodec.decodeEvidence(new String(sdk.serialize(built), StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(e);
    }
}
