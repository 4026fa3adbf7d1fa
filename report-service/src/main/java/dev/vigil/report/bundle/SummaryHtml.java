package dev.vigil.report.bundle;

import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.period.PeriodSummary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * summary.html: the period read-through an auditor opens first. Self-contained (inline style, no script, nothing
 * fetched), so it renders the same offline years later.
 */
final class SummaryHtml {
    /** More failing resources than this per exception are counted, not listed: the JSON files hold them all. */
    static final int RESOURCES_SHOWN = 5;

    private SummaryHtml() {
    }

    static void write(BundleReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil evidence bundle "
                + esc(r.period().from() + " to " + r.period().to()) + "</title>\n<style>body{font-family:sans-serif;"
                + "margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                + "padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}.FAIL{color:#b00020}"
                + ".ok{color:#1b5e20}.num{text-align:right}</style></head><body>\n");
        w.write("<h1>SOC 2 evidence for " + esc(r.period().from().toString()) + " to " + esc(r.period().to().toString())
                + "</h1>\n<p>Period from (inclusive) " + esc(r.period().from().toString()) + " to (exclusive) "
                + esc(r.period().to().toString()) + ". Written " + esc(r.createdAt().toString()) + " by "
                + esc(r.generator()) + ", catalogue " + esc(r.catalogueVersion()) + ", signed with key "
                + esc(r.keyId()) + ".</p>\n");
        w.write("<p>" + r.controls().size() + " controls; " + r.controlsWithExceptions() + " with exceptions, "
                + r.controlsWithGaps() + " with gaps; " + r.evidenceItems() + " evidence items observed in the period; "
                + r.ledgerRecords() + " ledger records first recorded in it"
                + (r.missingRawResponses() > 0 ? "; " + r.missingRawResponses()
                + " raw responses no longer in the evidence store (evidence/raw/MISSING.txt)" : "") + ".</p>\n");
        w.write("<p>An evidence item is included when it was observed during the period (first observed before its end "
                + "and last observed at or after its start). Status time before a control's first recorded status is "
                + "counted as NO_EVIDENCE, never as passing. Check the bundle with vigil-verify (docs/bundles.md).</p>\n");

        w.write("<h2>Controls</h2>\n<table><tr><th>Control</th><th>Title</th><th>Category</th><th>Share in PASS</th>"
                + "<th>Exceptions</th><th>Gaps</th><th>Accepted exceptions</th><th>Evidence items</th></tr>\n");
        for (BundleReport.ControlRow c : r.controls()) {
            w.write("<tr><td><a href=\"" + esc(c.folder()) + "/status-history.json\">" + esc(c.control().id())
                    + "</a></td><td>" + esc(c.control().title()) + "</td><td>" + esc(c.control().categoryName())
                    + "</td><td class=\"num " + (c.operatedThroughout() ? "ok" : "") + "\">"
                    + percent(c.summary().passShare()) + "</td><td class=\"num\">" + c.summary().exceptions().size()
                    + "</td><td class=\"num\">" + c.summary().gaps().size() + "</td><td class=\"num\">"
                    + c.accepted().size() + "</td><td class=\"num\"><a href=\"" + esc(c.folder())
                    + "/evidence.jsonl\">" + c.evidenceItems() + "</a></td></tr>\n");
        }
        w.write("</table>\n");

        w.write("<h2>Exceptions</h2>\n");
        boolean any = false;
        for (BundleReport.ControlRow c : r.controls()) {
            if (c.summary().exceptions().isEmpty() && c.accepted().isEmpty()) {
                continue;
            }
            any = true;
            w.write("<h3>" + esc(c.control().id() + " " + c.control().title()) + "</h3>\n<ul>\n");
            for (PeriodSummary.ExceptionInterval e : c.summary().exceptions()) {
                w.write("<li class=\"FAIL\">FAIL from " + esc(e.from().toString()) + " to " + esc(e.to().toString())
                        + (e.ongoing() ? " (ongoing at the period's end)" : "") + ": " + esc(e.reason()));
                int shown = 0;
                for (FailingResource f : e.failingResources()) {
                    if (shown == RESOURCES_SHOWN) {
                        break;
                    }
                    w.write("<br>" + esc(f.resourceKey()) + ": " + esc(f.reason()));
                    shown++;
                }
                // The count, not the list: a status event lists only the first failing resources.
                if (e.failingResourceCount() > shown) {
                    w.write("<br>… and " + (e.failingResourceCount() - shown) + " more");
                }
                w.write("</li>\n");
            }
            for (AcceptedException a : c.accepted()) {
                w.write("<li>Risk accepted (" + esc(a.whoAccepted()) + ") from " + esc(a.createdAt().toString())
                        + " until " + esc(a.endedAt().toString()) + (a.revokedAt() != null ? " (" + esc(a.whoRevoked())
                        + ")" : "") + (a.resourceKey() != null ? " for " + esc(a.resourceKey()) : "")
                        + ". Justification: " + esc(a.justification()) + "</li>\n");
            }
            w.write("</ul>\n");
        }
        if (!any) {
            w.write("<p>No control failed in this period and no exception was accepted.</p>\n");
        }

        w.write("<h2>Commitments</h2>\n<table><tr><th>Commitment</th><th>Category</th><th>Stated in</th>"
                + "<th>Backed by (share in PASS over the period)</th></tr>\n");
        for (BundleReport.CommitmentRow c : r.commitments()) {
            StringBuilder backing = new StringBuilder();
            for (Map.Entry<String, Double> b : c.passShareByControl().entrySet()) {
                backing.append(backing.isEmpty() ? "" : "<br>").append(esc(b.getKey())).append(": ")
                        .append(b.getValue() == null ? "not in the catalogue" : percent(b.getValue()));
            }
            w.write("<tr><td>" + esc(c.commitment().statement()) + "</td><td>" + esc(c.commitment().category())
                    + "</td><td>" + esc(String.join(", ", c.commitment().statedIn())) + "</td><td>"
                    + (backing.isEmpty() ? "no control backs it" : backing) + "</td></tr>\n");
        }
        w.write("</table>\n</body></html>\n");
        w.flush();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
