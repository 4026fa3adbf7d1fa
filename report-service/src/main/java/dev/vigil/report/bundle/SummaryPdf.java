package dev.vigil.report.bundle;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import dev.vigil.report.period.PeriodSummary;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** summary.pdf: the same read-through as summary.html, for auditors who file PDFs. */
final class SummaryPdf {
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font CELL_HEAD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
    private static final Font CELL = FontFactory.getFont(FontFactory.HELVETICA, 8);

    private SummaryPdf() {
    }

    static void write(BundleReport r, OutputStream out) throws IOException {
        Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(doc, out).setCloseStream(false);
            doc.addTitle("SOC 2 evidence " + r.period().from() + " to " + r.period().to());
            doc.addCreator(r.generator());
            doc.open();
            doc.add(new Paragraph("SOC 2 evidence for " + r.period().from() + " to " + r.period().to(), TITLE));
            doc.add(new Paragraph("Written " + r.createdAt() + " by " + r.generator() + ", catalogue "
                    + r.catalogueVersion() + ", signed with key " + r.keyId() + ". " + r.controls().size()
                    + " controls; " + r.controlsWithExceptions() + " with exceptions, " + r.controlsWithGaps()
                    + " with gaps; " + r.evidenceItems() + " evidence items; " + r.ledgerRecords()
                    + " ledger records.", BODY));

            doc.add(new Paragraph("Controls", HEADING));
            PdfPTable controls = table(new float[]{8, 38, 14, 10, 8, 8, 8, 8}, "Control", "Title", "Category",
                    "Share in PASS", "Exceptions", "Gaps", "Accepted", "Evidence");
            for (BundleReport.ControlRow c : r.controls()) {
                row(controls, c.control().id(), c.control().title(), c.control().categoryName(),
                        SummaryHtml.percent(c.summary().passShare()), "" + c.summary().exceptions().size(),
                        "" + c.summary().gaps().size(), "" + c.accepted().size(), "" + c.evidenceItems());
            }
            doc.add(controls);

            doc.add(new Paragraph("Exceptions", HEADING));
            PdfPTable exceptions = table(new float[]{8, 22, 22, 48}, "Control", "From", "To", "What failed / justification");
            int count = 0;
            for (BundleReport.ControlRow c : r.controls()) {
                for (PeriodSummary.ExceptionInterval e : c.summary().exceptions()) {
                    row(exceptions, c.control().id(), e.from().toString(), e.to() + (e.ongoing() ? " (ongoing)" : ""),
                            "FAIL: " + e.reason() + resources(e));
                    count++;
                }
                for (AcceptedException a : c.accepted()) {
                    row(exceptions, c.control().id(), a.createdAt().toString(), a.endedAt().toString(),
                            "Risk accepted (" + a.whoAccepted() + ")" + (a.revokedAt() != null ? " (" + a.whoRevoked() + ")"
                                    : "") + ": " + a.justification());
                    count++;
                }
            }
            if (count == 0) {
                doc.add(new Paragraph("No control failed in this period and no exception was accepted.", BODY));
            } else {
                doc.add(exceptions);
            }

            doc.add(new Paragraph("Commitments", HEADING));
            PdfPTable commitments = table(new float[]{50, 14, 36}, "Commitment", "Category", "Backed by (share in PASS)");
            for (BundleReport.CommitmentRow c : r.commitments()) {
                StringBuilder backing = new StringBuilder();
                for (Map.Entry<String, Double> b : c.passShareByControl().entrySet()) {
                    backing.append(backing.isEmpty() ? "" : "\n").append(b.getKey()).append(": ")
                            .append(b.getValue() == null ? "not in the catalogue" : SummaryHtml.percent(b.getValue()));
                }
                row(commitments, c.commitment().statement(), c.commitment().category(),
                        backing.isEmpty() ? "no control backs it" : backing.toString());
            }
            doc.add(commitments);
        } catch (DocumentException e) {
            throw new IOException("could not write summary.pdf: " + e.getMessage(), e);
        } finally {
            if (doc.isOpen()) {
                doc.close();
            }
        }
    }

    private static String resources(PeriodSummary.ExceptionInterval e) {
        List<String> keys = e.failingResources().stream().limit(SummaryHtml.RESOURCES_SHOWN)
                .map(f -> f.resourceKey()).toList();
        int more = e.failingResourceCount() - keys.size(); // the count: the list may hold only the first
        return keys.isEmpty() ? "" : "\n" + String.join("\n", keys) + (more > 0 ? "\n… and " + more + " more" : "");
    }

    private static PdfPTable table(float[] widths, String... headings) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setSpacingBefore(6);
        t.setHeaderRows(1);
        for (String h : headings) {
            PdfPCell cell = new PdfPCell(new Phrase(h, CELL_HEAD));
            cell.setBackgroundColor(new Color(0xf3, 0xf3, 0xf3));
            t.addCell(cell);
        }
        return t;
    }

    private static void row(PdfPTable t, String... cells) {
        for (String c : cells) {
            t.addCell(new Phrase(c == null ? "" : c, CELL));
        }
    }
}
