package dev.vigil.report.deadletters;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTextTest {
    static final Instant AT = Instant.parse("2026-12-01T10:00:00.123Z");

    @Test
    void theSummaryCountsEachTopicAndReasonMostFirstWithHowManyWereReplayed() {
        DeadLetter a = deadLetter("vigil.evidence.v1", 1, "UNSIGNED");
        DeadLetter b = deadLetter("vigil.evidence.v1", 2, "UNSIGNED");
        DeadLetter c = deadLetter("vigil.control-status.v1", 3, "event is not JSON");
        DeadLetter d = deadLetter("vigil.control-status.v1", 4, null);

        assertThat(DeadLetterSummary.of(List.of(c, a, d, b), Set.of(b.id().toString(), "elsewhere/0/1"))).containsExactly(
                new DeadLetterSummary("vigil.evidence.v1", "UNSIGNED", 2, 1),
                new DeadLetterSummary("vigil.control-status.v1", null, 1, 0),
                new DeadLetterSummary("vigil.control-status.v1", "event is not JSON", 1, 0));
    }

    @Test
    void aPageIsTheSummaryThenOneAlignedLinePerDeadLetter() {
        DeadLetter a = deadLetter("vigil.evidence.v1", 1, "UNSIGNED");
        DeadLetter c = deadLetter("vigil.control-status.v1", 12, "event is not JSON:\n" + "x".repeat(200));
        Replay replay = new Replay(c.id().toString(), Instant.parse("2026-12-02T08:00:00.5Z"), "admin",
                "vigil.control-status.v1", 0, 40);
        DeadLetterPage page = new DeadLetterPage(2, 50, 0, new DeadLetterFilter(null, null).toString(),
                DeadLetterSummary.of(List.of(a, c), Set.of(c.id().toString())),
                List.of(DeadLetterView.of(a, null), DeadLetterView.of(c, replay)));

        String reason = "event is not JSON: " + "x".repeat(DeadLetterText.REASON_CHARS - 22) + "...";
        assertThat(DeadLetterText.page(page)).isEqualTo("""
                2 dead letters match topic=(any) reason~(any); 1 to 2 shown, oldest first.

                COUNT  REPLAYED  TOPIC                    REASON
                1      1         vigil.control-status.v1  %1$s
                1      0         vigil.evidence.v1        UNSIGNED

                ID                                DEAD-LETTERED         KEY    REPLAYED                       REASON
                vigil.evidence.v1.dlq/0/1         2026-12-01T10:00:00Z  LS-01  no                             UNSIGNED
                vigil.control-status.v1.dlq/0/12  2026-12-01T10:00:00Z  LS-01  2026-12-02T08:00:00Z by admin  %1$s
                """.formatted(reason));
    }

    @Test
    void anEmptyListingSaysSo() {
        assertThat(DeadLetterText.page(new DeadLetterPage(0, 50, 0, "topic=vigil.evidence.v1 reason~'UNSIGNED'",
                List.of(), List.of()))).isEqualTo("0 dead letters match topic=vigil.evidence.v1 reason~'UNSIGNED'.\n");
    }

    @Test
    void aReplayAnswerIsOneLinePerDeadLetterAndTheCounts() {
        Replay now = new Replay("vigil.evidence.v1.dlq/0/1", AT, "admin", "vigil.evidence.v1", 0, 90);
        Replay before = new Replay("vigil.evidence.v1.dlq/0/2", AT.minusSeconds(3600), "admin2", "vigil.evidence.v1", 0, 80);
        ReplayAnswer answer = ReplayAnswer.of("2 id(s)", List.of(ReplayOutcome.replayed(now),
                ReplayOutcome.alreadyReplayed(before), ReplayOutcome.unknown("x", "not a dead letter id")));

        assertThat(answer.replayed()).isEqualTo(1);
        assertThat(answer.alreadyReplayed()).isEqualTo(1);
        assertThat(answer.unknown()).isEqualTo(1);
        assertThat(DeadLetterText.answer(answer)).isEqualTo("""
                replayed          vigil.evidence.v1.dlq/0/1  replayed to vigil.evidence.v1/0/90
                already-replayed  vigil.evidence.v1.dlq/0/2  already replayed at 2026-12-01T09:00:00.123Z by admin2 to vigil.evidence.v1/0/80
                unknown           x                          not a dead letter id
                1 replayed, 1 already replayed, 1 unknown (2 id(s)).
                """);
    }

    static DeadLetter deadLetter(String topic, long offset, String reason) {
        return new DeadLetter(new DeadLetterId(topic + ".dlq", 0, offset), topic, 0, offset, "LS-01", reason, null, AT,
                10, "{}", null);
    }
}
