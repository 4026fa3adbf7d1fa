package dev.vigil.report.deadletters;

import java.util.List;

/**
 * One page of dead letters: {@code total} match the filter, these are {@code offset} to
 * {@code offset + deadLetters.size() - 1}, oldest first; {@code summary} counts every match, not only this page.
 */
public record DeadLetterPage(int total, int limit, int offset, String filter, List<DeadLetterSummary> summary,
                             List<DeadLetterView> deadLetters) {
}
