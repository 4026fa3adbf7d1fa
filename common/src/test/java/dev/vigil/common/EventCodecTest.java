package dev.vigil.common;

import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.AutomatedPart;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.MalformedEventException;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.RunState;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    static final SourceRef AWS = new SourceRef("aws", "111122223333");
    static final Provenance PROV = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "acme-backups"),
            "\"etag\"", "0".repeat(64), "aws-s3", "0.1.0");
    static final Instant T = Instant.parse("2026-11-20T10:15:30Z");

    static EvidenceEvent evidence(Map<String, Object> facts, Instant at, String run) {
        return EvidenceEvent.of(AWS, "aws.s3.bucket", "aws:111122223333:s3:acme-backups", at, run, facts, PROV);
    }

    @Test
    void evidenceRoundTripsThroughTheCloudEventsEnvelope() {
        EvidenceEvent e = evidence(Map.of("bucket", "acme-backups", "defaultEncryption", "AES256"), T, "run-1");
        String json = EventCodec.encode(e);
        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"dev.vigil.evidence.observed.v1\"",
                "\"source\":\"vigil://aws/111122223333\"", "\"subject\":\"aws:111122223333:s3:acme-backups\"",
                "\"time\":\"2026-11-20T10:15:30Z\"");
        assertThat(EventCodec.decodeEvidence(json)).isEqualTo(e);
        assertThat(json).doesNotContain("supporting"); // one answer: no empty list on the wire
    }

    @Test
    void provenanceCitingSeveralAnswersRoundTrips() {
        Provenance several = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "acme-backups"), null,
                "0".repeat(64), "aws-s3", "1.1.0", List.of(new Provenance.Citation("s3:GetBucketVersioning",
                Map.of("Bucket", "acme-backups"), null, "1".repeat(64))));
        EvidenceEvent e = EvidenceEvent.of(AWS, "aws.s3.bucket", "aws:111122223333:s3:acme-backups", T, "run-1",
                Map.of("versioning", "Enabled"), several);
        EvidenceEvent decoded = EventCodec.decodeEvidence(EventCodec.encode(e));
        assertThat(decoded).isEqualTo(e);
        assertThat(decoded.provenance().responseSha256s()).containsExactly("0".repeat(64), "1".repeat(64));
        // events written before citations existed decode with none
        assertThat(EventCodec.decodeEvidence(EventCodec.encode(evidence(Map.of(), T, "run-1"))).provenance()
                .supporting()).isEmpty();
    }

    @Test
    void idDependsOnSourceResourceAndFactsButNotOnTimeRunOrKeyOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", List.of("x"));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", List.of("x"));
        ba.put("a", 1);
        assertThat(evidence(ab, T, "run-1").id())
                .isEqualTo(evidence(ba, T.plusSeconds(3600), "run-2").id())
                .isNotEqualTo(evidence(Map.of("a", 2, "b", List.of("x")), T, "run-1").id())
                .startsWith("sha256:");
    }

    @Test
    void runAndStatusEventsRoundTrip() {
        CollectionRunEvent run = new CollectionRunEvent("run-1", "aws-s3", AWS, RunState.PARTIAL, T,
                T.plusSeconds(5), List.of("aws.s3.bucket"), Map.of("aws.s3.bucket", 3L),
                List.of(new RunFailure("aws.s3.bucket", "aws:111122223333:s3:x", "AccessDenied", "s3:GetEncryptionConfiguration")));
        assertThat(EventCodec.decodeRun(EventCodec.encode(run))).isEqualTo(run);

        ControlStatusEvent status = new ControlStatusEvent("LS-01", ControlStatus.FAIL, T, 3,
                List.of(new FailingResource("aws:1:s3:x", "aws.s3.bucket", "aws.s3.default-encryption", "no encryption",
                        "sha256:abc", T, PROV)), null);
        assertThat(EventCodec.decodeStatus(EventCodec.encode(status))).isEqualTo(status);
    }

    @Test
    void aStatusVersionRoundTripsAndAStatusWithoutOneIsWrittenAndReadAsBeforeVersionsExisted() {
        ControlStatusEvent unversioned = new ControlStatusEvent("LS-01", ControlStatus.PASS, T, 3, List.of(), null);
        assertThat(EventCodec.encode(unversioned)).doesNotContain("\"version\"");
        assertThat(EventCodec.decodeStatus(EventCodec.encode(unversioned)).version()).isNull();

        ControlStatusEvent versioned = unversioned.withVersion(7);
        assertThat(EventCodec.encode(versioned)).contains("\"version\":7");
        assertThat(EventCodec.decodeStatus(EventCodec.encode(versioned))).isEqualTo(versioned);
        assertThat(EventCodec.decodeStatus(EventCodec.encode(versioned)).version()).isEqualTo(7L);

        assertThatThrownBy(() -> unversioned.withVersion(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0 of LS-01");
    }

    @Test
    void aStatusCarriesItsAutomatedAndDocumentPartsAndOneWithoutPartsIsWrittenAsBefore() {
        ControlStatusEvent plain = new ControlStatusEvent("LS-24", ControlStatus.DOCUMENT_MISSING, T, 5, List.of(),
                "no document uploaded for: access-review").withVersion(3);
        String before = EventCodec.encode(plain);
        assertThat(before).doesNotContain("\"automated\"").doesNotContain("\"documents\"");

        ControlStatusEvent mixed = plain.withParts(new AutomatedPart(ControlStatus.PASS, 4, 0),
                new DocumentPart(ControlStatus.NO_EVIDENCE, List.of(), List.of("access-review"), List.of(),
                        "no document uploaded for: access-review"));
        String json = EventCodec.encode(mixed);
        assertThat(json).contains("\"automated\":{\"status\":\"PASS\",\"resourcesInScope\":4,\"failingResourceCount\":0}")
                .contains("\"missing\":[\"access-review\"]");
        assertThat(EventCodec.decodeStatus(json)).isEqualTo(mixed);
        assertThat(EventCodec.decodeStatus(json).documents().required()).isEqualTo(1);
        // a consumer reading an event written before parts existed gets none
        assertThat(EventCodec.decodeStatus(before).automated()).isNull();
        assertThat(EventCodec.decodeStatus(before).documents()).isNull();
    }

    @Test
    void evidenceWithoutATriggerIsWrittenByteForByteAsBeforeTriggersExisted() {
        // the bytes a collector published before provenance could name a trigger: signatures and ids must hold
        EvidenceEvent e = evidence(Map.of("bucket", "acme-backups"), T, "run-1");
        assertThat(EventCodec.encode(e)).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"" + e.id()
                + "\",\"source\":\"vigil://aws/111122223333\",\"type\":\"dev.vigil.evidence.observed.v1\","
                + "\"subject\":\"aws:111122223333:s3:acme-backups\",\"time\":\"2026-11-20T10:15:30Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"resourceType\":\"aws.s3.bucket\","
                + "\"resourceKey\":\"aws:111122223333:s3:acme-backups\",\"runId\":\"run-1\","
                + "\"facts\":{\"bucket\":\"acme-backups\"},\"provenance\":{\"operation\":\"s3:GetBucketEncryption\","
                + "\"parameters\":{\"Bucket\":\"acme-backups\"},\"etag\":\"\\\"etag\\\"\",\"responseSha256\":\""
                + "0".repeat(64) + "\",\"collector\":\"aws-s3\",\"collectorVersion\":\"0.1.0\"}}}");
        assertThat(EventCodec.encode(new CollectionRunEvent("run-1", "aws-s3", AWS, RunState.COMPLETED, T, T,
                List.of("aws.s3.bucket"), Map.of(), List.of()))).doesNotContain("trigger");
    }

    @Test
    void aTriggerTravelsInProvenanceAndRunWithoutChangingTheEvidenceId() {
        Trigger trigger = new Trigger("github", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                "branch_protection_rule.deleted", T.plusNanos(1_234_567), List.of("9e8a1f00-cc78-11e3-81ab-4c9367dc0958"));
        Map<String, Object> facts = Map.of("bucket", "acme-backups");
        EvidenceEvent triggered = EvidenceEvent.of(AWS, "aws.s3.bucket", "aws:111122223333:s3:acme-backups", T,
                "run-2", facts, PROV.withTrigger(trigger));
        EvidenceEvent decoded = EventCodec.decodeEvidence(EventCodec.encode(triggered));
        assertThat(decoded).isEqualTo(triggered);
        assertThat(decoded.provenance().trigger().receivedAt()).isEqualTo(T.plusNanos(1_234_000));
        assertThat(decoded.id()).isEqualTo(evidence(facts, T, "run-1").id());

        CollectionRunEvent run = new CollectionRunEvent("run-2", "github-branch-protection",
                new SourceRef("github", "acme-demo"), RunState.COMPLETED, T, T.plusSeconds(1),
                List.of("github.branch_protection"), Map.of("github.branch_protection", 1L), List.of(), trigger);
        CollectionRunEvent decodedRun = EventCodec.decodeRun(EventCodec.encode(run));
        assertThat(decodedRun).isEqualTo(run);
        assertThat(decodedRun.targeted()).isTrue();
        assertThat(EventCodec.encode(run)).doesNotContain("\"targeted\"");
    }

    @Test
    void evidenceIsWrittenByteForByteAsTheTreeOfTheEnvelopeWritesIt() {
        // nested maps out of order, lists, nulls, numbers of every kind, escapes and non-ASCII text
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("zeta", List.of(1, 2.5, -0.0, 1e21, Long.MAX_VALUE, new java.math.BigDecimal("1.10"),
                new java.math.BigDecimal("100"), java.math.BigDecimal.ZERO.setScale(3), 0.1f,
                new java.math.BigInteger("123456789012345678901234567890"), new byte[] {1, 2, 3}));
        nested.put("alpha", null);
        nested.put("émoji ✓", "tab\t quote\" slash\\ newline\n nul\u0000 \uD83D\uDE00");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("versioning", "Enabled");
        facts.put("bucketPolicy", true);
        facts.put("publicAccessBlock", nested);
        facts.put("accountPublicAccessBlock", null);
        facts.put("grants", List.of(Map.of("b", 2, "a", 1), List.of(), Map.of()));
        Provenance cited = new Provenance("s3:GetBucketEncryption", Map.of("Bucket", "acme-backups", "A", "b"),
                null, "0".repeat(64), "aws-s3", "1.1.0", List.of(new Provenance.Citation("s3:GetBucketPolicy",
                Map.of("Bucket", "acme-backups"), "\"e\"", "1".repeat(64))));
        Trigger trigger = new Trigger("aws", "72d3162e-cc78-11e3-81ab-4c9367dc0958", "PutBucketPolicy",
                T.plusNanos(1_234_567), List.of());
        for (EvidenceEvent e : List.of(evidence(facts, T.plusNanos(123_456_789), "run-1"),
                EvidenceEvent.of(AWS, "aws.s3.bucket", "aws:111122223333:s3:acme-backups", T, "run-2",
                        facts, cited.withTrigger(trigger)),
                evidence(Map.of(), T, "run-1"))) {
            assertThat(EventCodec.encode(e)).isEqualTo(asTree(e));
        }
    }

    /** How events were written before they were streamed: the envelope as a tree, then the tree as text. */
    private static String asTree(EvidenceEvent e) {
        var mapper = EventCodec.mapper();
        var data = mapper.createObjectNode();
        data.put("resourceType", e.resourceType());
        data.put("resourceKey", e.resourceKey());
        data.put("runId", e.runId());
        data.set("facts", mapper.valueToTree(e.facts()));
        data.set("provenance", mapper.valueToTree(e.provenance()));
        var n = mapper.createObjectNode();
        n.put("specversion", "1.0");
        n.put("id", e.id());
        n.put("source", e.source().uri());
        n.put("type", EventCodec.EVIDENCE_TYPE);
        n.put("subject", e.resourceKey());
        n.put("time", e.observedAt().toString());
        n.put("datacontenttype", "application/json");
        n.set("data", data);
        try {
            return mapper.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void aHugeIdentifyingAttributeIsMalformedWithItsLength() {
        String huge = "aws:111122223333:s3:" + "a".repeat(EventCodec.MAX_ATTRIBUTE_LENGTH);
        String json = EventCodec.encode(EvidenceEvent.of(AWS, "aws.s3.bucket", huge, T, "run-1", Map.of("a", 1), PROV));
        assertThatThrownBy(() -> EventCodec.decodeEvidence(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("attribute 'data.resourceKey' is " + huge.length() + " characters long; at most "
                        + EventCodec.MAX_ATTRIBUTE_LENGTH);
        // an ARN-sized key is fine
        String arn = "aws:111122223333:s3:" + "a".repeat(2048);
        assertThat(EventCodec.decodeEvidence(EventCodec.encode(EvidenceEvent.of(AWS, "aws.s3.bucket", arn, T, "run-1",
                Map.of("a", 1), PROV))).resourceKey()).isEqualTo(arn);
    }

    @Test
    void timesKeepMicrosecondsLikeTheDatabaseSoAReplayComparesEqual() {
        Instant nanos = Instant.parse("2026-11-20T10:15:30.123456789Z");
        EvidenceEvent e = evidence(Map.of("a", 1), nanos, "run-1");
        assertThat(e.observedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123456Z"));
        assertThat(EventCodec.decodeEvidence(EventCodec.encode(e)).observedAt()).isEqualTo(e.observedAt());
    }

    @Test
    void malformedRecordsAreRejectedWithAReasonAPersonCanActOn() {
        assertThatThrownBy(() -> EventCodec.decodeEvidence("{not json")).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> EventCodec.decodeEvidence("")).hasMessageContaining("empty record");
        String valid = EventCodec.encode(evidence(Map.of("a", 1), T, "run-1"));
        assertThatThrownBy(() -> EventCodec.decodeEvidence(valid.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\"")))
                .hasMessage("unsupported specversion '0.3', expected 1.0");
        assertThatThrownBy(() -> EventCodec.decodeRun(valid))
                .hasMessage("unexpected type 'dev.vigil.evidence.observed.v1' on this topic, expected dev.vigil.collection-run.v1");
        assertThatThrownBy(() -> EventCodec.decodeEvidence(valid.replace("\"time\":\"2026-11-20T10:15:30Z\"", "\"time\":\"yesterday\"")))
                .hasMessage("attribute 'time' is not an RFC 3339 UTC time: yesterday");
        assertThatThrownBy(() -> EventCodec.decodeEvidence(valid.replace("\"runId\":\"run-1\",", "")))
                .hasMessage("missing attribute 'data.runId'");
        assertThatThrownBy(() -> EventCodec.decodeEvidence(valid.replace("vigil://aws/111122223333", "aws")))
                .hasMessageContaining("source must look like vigil://provider/account");
    }

    @Test
    void aRecordIsReadFromItsBytesAsUtf8AndBytesThatAreNotUtf8AreMalformed() {
        EvidenceEvent e = evidence(Map.of("name", "café ☕"), T, "run-1");
        byte[] utf8 = EventCodec.encode(e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(EventCodec.decodeEvidence(utf8)).isEqualTo(EventCodec.decodeEvidence(EventCodec.encode(e)));

        byte[] broken = utf8.clone();
        broken[broken.length / 2] = (byte) 0xFF; // never valid in UTF-8
        assertThatThrownBy(() -> EventCodec.decodeEvidence(broken)).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("the record is not UTF-8 text");
        assertThatThrownBy(() -> EventCodec.decodeEvidence((byte[]) null)).hasMessageContaining("empty record");
    }
}
