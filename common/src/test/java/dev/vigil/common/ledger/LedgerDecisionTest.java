package dev.vigil.common.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerDecisionTest {
    static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void theDocumentIsOneSortedLineWithoutNullsAndItsHashIsTheEvidenceId() {
        Map<String, String> fields = new HashMap<>();
        fields.put("requestedBy", "alice");
        fields.put("approvedBy", "bob");
        fields.put("controlId", "LS-01");
        fields.put("revokedBy", null);
        LedgerDecision d = new LedgerDecision(LedgerDecision.EXCEPTION, "EX-1", AT, fields);

        assertThat(d.document()).isEqualTo("{\"approvedBy\":\"bob\",\"controlId\":\"LS-01\",\"decisionId\":\"EX-1\","
                + "\"decisionType\":\"vigil.exception\",\"requestedBy\":\"alice\"}");
        assertThat(d.evidenceId()).isEqualTo(LedgerDecision.evidenceId(d.document().getBytes(StandardCharsets.UTF_8)))
                .startsWith("sha256:").hasSize(7 + 64);
        assertThat(LedgerDecision.read(d.document().getBytes(StandardCharsets.UTF_8)))
                .containsEntry("approvedBy", "bob").containsEntry("decisionId", "EX-1");
    }

    @Test
    void anEntryLinksIntoTheChainLikeEvidence() {
        LedgerDecision d = new LedgerDecision(LedgerDecision.SCOPING_DECISION, "SD-1", AT,
                Map.of("event", "SCOPED_OUT", "at", LedgerDecision.time(AT)));
        List<LedgerRecord> records = LedgerChain.append(LedgerRecord.GENESIS_HASH, 1, List.of(d.entry()), AT);

        assertThat(records.get(0).source()).isEqualTo(LedgerDecision.SOURCE);
        assertThat(records.get(0).observedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(LedgerChain.verify(LedgerRecord.GENESIS_HASH, records).valid()).isTrue();
        assertThat(LedgerDecision.time(AT)).isEqualTo("2026-03-01T10:00:00.123456Z");
        assertThat(LedgerDecision.isDecision("vigil.exception")).isTrue();
        assertThat(LedgerDecision.isDecision("aws.s3.bucket")).isFalse();
    }
}
