package dev.vigil.report.register;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV on data: the exact file export writes, quoting, formula guards, and what import refuses. */
class RegisterCsvTest {

    static Map<String, Object> incident() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("itemId", "INC-7");
        row.put("title", "Leaked key, \"prod\"");
        row.put("severity", "high");
        row.put("openedOn", "2026-11-01");
        row.put("closedOn", null);
        row.put("timeline", "09:00 detected\n09:30 key revoked");
        row.put("rootCause", "=HYPERLINK(\"http://x\")");
        row.put("disclosureEvaluation", null);
        row.put("reviewedOn", null);
        row.put("retired", false);
        return row;
    }

    @Test
    void exportWritesAHeaderAndQuotesWhatNeedsIt() {
        assertThat(RegisterCsv.write(Register.INCIDENT, List.of(incident()))).isEqualTo(
                "itemId,title,severity,openedOn,closedOn,timeline,rootCause,disclosureEvaluation,reviewedOn,retired\r\n"
                        + "INC-7,\"Leaked key, \"\"prod\"\"\",high,2026-11-01,,\"09:00 detected\n09:30 key revoked\","
                        + "\"'=HYPERLINK(\"\"http://x\"\")\",,,false\r\n");
    }

    @Test
    void importReadsWhatExportWroteBack() {
        List<RegisterCsv.Row> rows = RegisterCsv.read(RegisterCsv.write(Register.INCIDENT, List.of(incident())));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).itemId()).isEqualTo("INC-7");
        assertThat(rows.get(0).fields()).containsEntry("title", "Leaked key, \"prod\"")
                .containsEntry("timeline", "09:00 detected\n09:30 key revoked")
                .containsEntry("rootCause", "=HYPERLINK(\"http://x\")")
                .containsEntry("closedOn", "").containsEntry("retired", "false").doesNotContainKey("itemId");
    }

    @Test
    void columnsMayComeInAnyOrderWithABomAndBlankLines() {
        List<RegisterCsv.Row> rows = RegisterCsv.read("\uFEFFowner,itemId\nops,V-1\n\nsec,V-2");
        assertThat(rows).extracting(RegisterCsv.Row::itemId).containsExactly("V-1", "V-2");
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(1).fields()).containsExactly(Map.entry("owner", "sec"));
    }

    @Test
    void aMalformedFileIsRefusedWithItsLines() {
        assertThatThrownBy(() -> RegisterCsv.read("")).isInstanceOf(InvalidItemException.class)
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> RegisterCsv.read("name,owner\nx,y\n"))
                .hasMessageContaining("line 1: no itemId column");
        assertThatThrownBy(() -> RegisterCsv.read("itemId,owner\nV-1,a,b\n"))
                .hasMessageContaining("line 2: 3 values, the header names 2 columns");
        assertThatThrownBy(() -> RegisterCsv.read("itemId,owner\nV-1,\"open\n"))
                .hasMessageContaining("line 2: a quoted value is never closed");
    }
}
