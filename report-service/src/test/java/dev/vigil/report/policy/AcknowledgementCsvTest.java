package dev.vigil.report.policy;

import dev.vigil.report.register.RegisterCsv;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementCsvTest {
    @Test
    void theExportNamesHowEachAcknowledgementWasRecordedAndReadsBackAsItWasWritten() {
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        Instant rec = Instant.parse("2026-11-03T10:00:00Z");
        String csv = AcknowledgementCsv.write(List.of(
                new Acknowledgement("cm", 2, "ann@acme.example", at, "ann@acme.example", at, Acknowledgement.SELF),
                new Acknowledgement("cm", 2, "=bob@acme.example", at, "hr-import", rec, Acknowledgement.CSV)));
        assertThat(csv).isEqualTo("policyId,version,person,acknowledgedAt,via,recordedBy,recordedAt\r\n"
                + "cm,2,ann@acme.example,2026-11-02T09:00:00Z,self,ann@acme.example,2026-11-02T09:00:00Z\r\n"
                + "cm,2,'=bob@acme.example,2026-11-02T09:00:00Z,csv,hr-import,2026-11-03T10:00:00Z\r\n");
        List<RegisterCsv.Row> rows = RegisterCsv.read(csv, AcknowledgementCsv.POLICY_ID);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).values()).containsEntry("person", "=bob@acme.example").containsEntry("version", "2");
        assertThat(AcknowledgementCsv.unknownColumns(rows.get(0).values().keySet())).isEmpty();
        assertThat(AcknowledgementCsv.unknownColumns(Set.of("person", "department"))).containsExactly("department");
    }
}
