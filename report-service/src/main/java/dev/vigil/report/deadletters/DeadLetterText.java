package dev.vigil.report.deadletters;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text forms of a listing and of a replay's answer ({@code ?format=text}): aligned columns a terminal
 * shows as they are, for deploy/local/dead-letters.sh on machines without a JSON tool.
 */
final class DeadLetterText {
    static final int REASON_CHARS = 100;
    static final int KEY_CHARS = 40;

    private DeadLetterText() {
    }

    static String page(DeadLetterPage page) {
        StringBuilder out = new StringBuilder();
        out.append(page.total()).append(page.total() == 1 ? " dead letter" : " dead letters").append(" match ")
                .append(page.filter());
        if (page.deadLetters().isEmpty()) {
            out.append(page.total() == 0 ? ".\n" : "; none from " + (page.offset() + 1) + ".\n");
            if (page.total() == 0) {
                return out.toString();
            }
        } else {
            out.append("; ").append(page.offset() + 1).append(" to ").append(page.offset() + page.deadLetters().size())
                    .append(" shown, oldest first.\n");
        }
        out.append('\n');
        List<String[]> summary = new ArrayList<>();
        summary.add(new String[]{"COUNT", "REPLAYED", "TOPIC", "REASON"});
        for (DeadLetterSummary s : page.summary()) {
            summary.add(new String[]{Integer.toString(s.count()), Integer.toString(s.replayed()), s.topic(),
                    cut(s.reason(), REASON_CHARS)});
        }
        columns(out, summary);
        if (!page.deadLetters().isEmpty()) {
            out.append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"ID", "DEAD-LETTERED", "KEY", "REPLAYED", "REASON"});
            for (DeadLetterView d : page.deadLetters()) {
                rows.add(new String[]{d.id(), time(d.deadLetteredAt()), cut(d.key(), KEY_CHARS),
                        d.replayed() ? time(d.replayedAt()) + " by " + d.replayedBy() : "no",
                        cut(d.reason(), REASON_CHARS)});
            }
            columns(out, rows);
        }
        return out.toString();
    }

    static String answer(ReplayAnswer answer) {
        StringBuilder out = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        for (ReplayOutcome o : answer.results()) {
            rows.add(new String[]{o.result().name().toLowerCase(Locale.ROOT).replace('_', '-'), o.id(), o.detail()});
        }
        columns(out, rows);
        out.append(answer.replayed()).append(" replayed, ").append(answer.alreadyReplayed())
                .append(" already replayed, ").append(answer.unknown()).append(" unknown (")
                .append(answer.request()).append(").\n");
        return out.toString();
    }

    /** Left-aligned columns two spaces apart; the last one unpadded. */
    private static void columns(StringBuilder out, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String time(Instant at) {
        return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String cut(String s, int max) {
        if (s == null || s.isBlank()) {
            return "-";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }
}
