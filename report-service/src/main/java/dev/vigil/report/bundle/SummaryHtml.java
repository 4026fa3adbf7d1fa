package dev.vigil.report.bundle;

import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.period.PeriodSummary;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * summary.html: the period read-through an auditor opens first. Self-contained (inline style, no script, nothing
 * fetched), so it renders the same offline years later. The page is the Qute template {@code summary.html} beside
 * this class; this class only turns the report into the rows it shows. A standalone Qute engine rather than the
 * application's: bundles are also built by plain code and tests, without a running Quarkus.
 */
final class SummaryHtml {
    /** More failing resources than this per exception are counted, not listed: the JSON files hold them all. */
    static final int RESOURCES_SHOWN = 5;

    private static final Template PAGE = template();

    private SummaryHtml() {
    }

    record ControlLine(String id, String title, String category, String folder, String passShare,
                       boolean operatedThroughout, int exceptions, int gaps, int accepted, long evidenceItems) {
    }

    record ResourceLine(String resourceKey, String reason) {
    }

    record FailLine(String from, String to, boolean ongoing, String reason, List<ResourceLine> shown, int more) {
    }

    /** A control's FAIL intervals and accepted risks; {@code accepted} are whole sentences. */
    record ExceptionBlock(String heading, List<FailLine> fails, List<String> accepted) {
    }

    record Backing(String controlId, String passShare) {
    }

    record CommitmentLine(String statement, String category, String statedIn, List<Backing> backing) {
    }

    static void write(BundleReport r, OutputStream out) throws IOException {
        String html = PAGE.instance()
                .data("from", r.period().from().toString())
                .data("to", r.period().to().toString())
                .data("createdAt", r.createdAt().toString())
                .data("generator", nullToEmpty(r.generator()))
                .data("catalogueVersion", nullToEmpty(r.catalogueVersion()))
                .data("keyId", nullToEmpty(r.keyId()))
                .data("controlCount", r.controls().size())
                .data("withExceptions", r.controlsWithExceptions())
                .data("withGaps", r.controlsWithGaps())
                .data("evidenceItems", r.evidenceItems())
                .data("ledgerRecords", r.ledgerRecords())
                .data("missingRaw", r.missingRawResponses())
                .data("controls", r.controls().stream().map(SummaryHtml::controlLine).toList())
                .data("exceptions", exceptions(r))
                .data("commitments", r.commitments().stream().map(SummaryHtml::commitmentLine).toList())
                .render();
        out.write(html.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ControlLine controlLine(BundleReport.ControlRow c) {
        return new ControlLine(c.control().id(), nullToEmpty(c.control().title()),
                nullToEmpty(c.control().categoryName()), c.folder(),
                percent(c.summary().passShare()), c.operatedThroughout(), c.summary().exceptions().size(),
                c.summary().gaps().size(), c.accepted().size(), c.evidenceItems());
    }

    private static List<ExceptionBlock> exceptions(BundleReport r) {
        List<ExceptionBlock> blocks = new ArrayList<>();
        for (BundleReport.ControlRow c : r.controls()) {
            if (c.summary().exceptions().isEmpty() && c.accepted().isEmpty()) {
                continue;
            }
            List<FailLine> fails = new ArrayList<>();
            for (PeriodSummary.ExceptionInterval e : c.summary().exceptions()) {
                List<ResourceLine> shown = e.failingResources().stream().limit(RESOURCES_SHOWN)
                        .map((FailingResource f) -> new ResourceLine(nullToEmpty(f.resourceKey()), nullToEmpty(f.reason()))).toList();
                // The count, not the list: a status event lists only the first failing resources.
                fails.add(new FailLine(e.from().toString(), e.to().toString(), e.ongoing(), nullToEmpty(e.reason()), shown,
                        Math.max(0, e.failingResourceCount() - shown.size())));
            }
            List<String> accepted = c.accepted().stream().map(a -> "Risk accepted (" + a.whoAccepted() + ") from "
                    + a.createdAt() + " until " + a.endedAt() + (a.revokedAt() != null ? " (" + a.whoRevoked() + ")" : "")
                    + (a.resourceKey() != null ? " for " + a.resourceKey() : "") + ". Justification: "
                    + nullToEmpty(a.justification())).toList();
            blocks.add(new ExceptionBlock(c.control().id() + " " + c.control().title(), fails, accepted));
        }
        return blocks;
    }

    private static CommitmentLine commitmentLine(BundleReport.CommitmentRow c) {
        List<Backing> backing = new ArrayList<>();
        for (Map.Entry<String, Double> b : c.passShareByControl().entrySet()) {
            backing.add(new Backing(b.getKey(), b.getValue() == null ? "not in the catalogue" : percent(b.getValue())));
        }
        return new CommitmentLine(nullToEmpty(c.commitment().statement()), nullToEmpty(c.commitment().category()),
                String.join(", ", c.commitment().statedIn()), backing);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    private static Template template() {
        // HTML-escapes every value; records are read by reflection (their accessors), as in any JVM-mode Qute.
        Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).build();
        try (InputStream in = SummaryHtml.class.getResourceAsStream("summary.html")) {
            if (in == null) {
                throw new IllegalStateException("summary.html template missing beside " + SummaryHtml.class.getName());
            }
            return engine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Variant.forContentType(Variant.TEXT_HTML));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
