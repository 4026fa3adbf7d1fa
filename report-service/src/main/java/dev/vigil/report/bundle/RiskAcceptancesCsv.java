package dev.vigil.report.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * risk-acceptances.csv: one row per risk acceptance in force at some time in the period, with who requested it, who
 * approved it and, if revoked, who asked and who approved that: the sample an auditor tests four-eyes on.
 */
final class RiskAcceptancesCsv {
    static final List<String> HEADER = List.of("control_id", "exception_id", "resource_key", "justification",
            "requested_by", "approved_by", "accepted_at", "expires_at", "revoked_at", "revoked_by",
            "revocation_approved_by", "folder");

    private RiskAcceptancesCsv() {
    }

    static void write(BundleReport report, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(w, HEADER);
        for (BundleReport.ControlRow r : report.controls()) {
            for (AcceptedException a : r.accepted().stream()
                    .sorted(Comparator.comparing(AcceptedException::createdAt)).toList()) {
                line(w, List.of(r.control().id(), a.id(), text(a.resourceKey()), text(a.justification()),
                        text(a.requestedBy() != null ? a.requestedBy() : a.owner()), text(a.approvedBy()),
                        time(a.createdAt()), time(a.expiresAt()), time(a.revokedAt()), text(a.revokedBy()),
                        text(a.revocationApprovedBy()), r.folder() + "/"));
            }
        }
        w.flush();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        w.write(String.join(",", cells.stream().map(ControlsCsv::cell).toList()));
        w.write("\r\n");
    }
}
