package dev.vigil.report.policy;

import dev.vigil.report.register.RegisterCsv;

import java.util.Collection;
import java.util.List;

/**
 * Acknowledgements as CSV, in the registers' form (RFC 4180, formula guard): export writes every acknowledgement
 * with how it was recorded; import takes {@code policyId}, {@code person}, {@code acknowledgedAt} and optionally
 * {@code version} (empty: the current one), and reads the export's other columns as information only, so an export
 * imports back unchanged.
 */
public final class AcknowledgementCsv {
    public static final String POLICY_ID = "policyId";
    public static final String VERSION = "version";
    public static final String PERSON = "person";
    public static final String ACKNOWLEDGED_AT = "acknowledgedAt";
    static final List<String> COLUMNS = List.of(POLICY_ID, VERSION, PERSON, ACKNOWLEDGED_AT, "via", "recordedBy",
            "recordedAt");

    private AcknowledgementCsv() {
    }

    public static String write(List<Acknowledgement> acks) {
        StringBuilder out = new StringBuilder(RegisterCsv.line(COLUMNS));
        for (Acknowledgement a : acks) {
            out.append(RegisterCsv.line(List.of(a.policyId(), Integer.toString(a.version()), a.person(),
                    a.acknowledgedAt().toString(), a.via(), a.recordedBy(), a.recordedAt().toString())));
        }
        return out.toString();
    }

    static List<String> unknownColumns(Collection<String> columns) {
        return columns.stream().filter(c -> !COLUMNS.contains(c)).toList();
    }
}
