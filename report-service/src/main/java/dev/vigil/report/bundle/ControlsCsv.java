package dev.vigil.report.bundle;

import dev.vigil.common.catalogue.CriterionMapping;
import dev.vigil.report.history.Statuses;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** controls.csv: one row per control over the period, for a spreadsheet (RFC 4180, UTF-8, CRLF). */
final class ControlsCsv {
    static final List<String> HEADER = List.of("control_id", "title", "category", "criteria", "evidence",
            "pass_share", "seconds_pass", "seconds_fail", "seconds_excepted", "seconds_unknown", "exceptions",
            "gaps", "accepted_exceptions", "evidence_items", "operated_throughout", "folder");

    private ControlsCsv() {
    }

    static void write(BundleReport report, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(w, HEADER);
        for (BundleReport.ControlRow r : report.controls()) {
            var seconds = r.summary().secondsInStatus();
            double unknown = seconds.entrySet().stream().filter(e -> Statuses.isGap(e.getKey()))
                    .mapToDouble(e -> e.getValue()).sum();
            line(w, List.of(r.control().id(), r.control().title(), r.control().category(),
                    r.control().criteria().stream().map(CriterionMapping::id).collect(Collectors.joining(" ")),
                    r.control().evidence().name(), String.format(Locale.ROOT, "%.6f", r.summary().passShare()),
                    number(seconds.get(Statuses.PASS)), number(seconds.get(Statuses.FAIL)),
                    number(seconds.get(Statuses.EXCEPTED)), number(unknown),
                    Integer.toString(r.summary().exceptions().size()), Integer.toString(r.summary().gaps().size()),
                    Integer.toString(r.accepted().size()), Long.toString(r.evidenceItems()),
                    Boolean.toString(r.operatedThroughout()), r.folder() + "/"));
        }
        w.flush();
    }

    private static String number(Double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds == null ? 0.0 : seconds);
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(cell(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** Quoted when needed; a leading formula character is defused so a spreadsheet shows it as text. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
