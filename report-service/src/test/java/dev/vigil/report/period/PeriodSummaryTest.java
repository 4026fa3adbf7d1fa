package dev.vigil.report.period;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.report.history.StatusInterval;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeriodSummaryTest {
    private static final double DAY = 86_400;
    /** A 30-day period: October 2026 without its last day, [Oct 1, Oct 31). */
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Period PERIOD = new Period(START, day(30));
    private static final FailingResource BUCKET = failing("aws:111122223333:s3:acme-exports");
    private static final FailingResource LOGS = failing("aws:111122223333:s3:acme-logs");

    /**
     * The scripted 30-day history (day n = October 1 + n days):
     * <pre>
     *   day  0    – 1       nothing recorded yet         → NO_EVIDENCE gap, 1 day
     *   day  1    – 10      PASS                         → 9 days
     *   day 10    – 12.5    FAIL (acme-exports)          → exception, 2.5 days
     *   day 12.5  – 13      STALE                        → gap, 0.5 day
     *   day 13    – 20      PASS                         → 7 days
     *   day 20    – 20.25   NOT_EVALUATED (permission)   → gap, 0.25 day
     *   day 20.25 – 28      PASS                         → 7.75 days
     *   day 28    – (open)  FAIL (acme-logs)             → exception cut at day 30: 2 days, ongoing
     * </pre>
     * PASS = 9 + 7 + 7.75 = 23.75 days; FAIL = 2.5 + 2 = 4.5; STALE 0.5; NOT_EVALUATED 0.25; NO_EVIDENCE 1.
     * Check: 23.75 + 4.5 + 0.5 + 0.25 + 1 = 30 days. Share in PASS = 23.75 / 30 = 0.791666… (79.17 %).
     */
    private static final List<StatusInterval> SCRIPT = List.of(
            interval("PASS", day(1), day(10), List.of(), null),
            interval("FAIL", day(10), day(12.5), List.of(BUCKET), null),
            interval("STALE", day(12.5), day(13), List.of(), "newest evidence is older than 1 day"),
            interval("PASS", day(13), day(20), List.of(), null),
            interval("NOT_EVALUATED", day(20), day(20.25), List.of(), "collector aws lacks s3:GetEncryptionConfiguration"),
            interval("PASS", day(20.25), day(28), List.of(), null),
            interval("FAIL", day(28), null, List.of(LOGS), null));

    @Test
    void thirtyDayScriptMatchesTheFiguresWorkedOutByHand() {
        PeriodSummary s = PeriodSummary.of("LS-01", SCRIPT, PERIOD);

        assertThat(s.periodSeconds()).isEqualTo(30 * DAY);
        assertThat(s.passShare()).isCloseTo(23.75 / 30, within(1e-12));
        assertThat(s.secondsInStatus()).isEqualTo(Map.of(
                "PASS", 23.75 * DAY,
                "FAIL", 4.5 * DAY,
                "STALE", 0.5 * DAY,
                "NOT_EVALUATED", 0.25 * DAY,
                "NO_EVIDENCE", 1 * DAY));
        assertThat(s.secondsInStatus().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(30 * DAY);

        // Exceptions: the two FAIL intervals, the second cut at the period's end and still going on.
        assertThat(s.exceptions()).containsExactly(
                new PeriodSummary.ExceptionInterval(day(10), day(12.5), 2.5 * DAY, false, 1, List.of(BUCKET), null),
                new PeriodSummary.ExceptionInterval(day(28), day(30), 2 * DAY, true, 1, List.of(LOGS), null));

        // Gaps: before the first status, STALE, NOT_EVALUATED, each with its reason.
        assertThat(s.gaps()).extracting(PeriodSummary.Gap::status)
                .containsExactly("NO_EVIDENCE", "STALE", "NOT_EVALUATED");
        assertThat(s.gaps()).extracting(PeriodSummary.Gap::durationSeconds)
                .containsExactly(1 * DAY, 0.5 * DAY, 0.25 * DAY);
        assertThat(s.gaps().get(0).from()).isEqualTo(START);
        assertThat(s.gaps().get(0).to()).isEqualTo(day(1));
        assertThat(s.gaps().get(0).reason()).contains("before " + day(1));
        assertThat(s.gaps().get(1).reason()).isEqualTo("newest evidence is older than 1 day");
        assertThat(s.gaps().get(2).reason()).contains("s3:GetEncryptionConfiguration");
        assertThat(s.gaps()).noneMatch(PeriodSummary.Gap::ongoing);
    }

    @Test
    void intervalsReachingOutsideThePeriodAreCutToIt() {
        // PASS since 5 days before the period until day 15, then FAIL until 3 days after it:
        // PASS 15 days, FAIL 15 days, share 15/30 = 0.5; no gap, since a status was known from the start.
        List<StatusInterval> history = List.of(
                interval("PASS", day(-5), day(15), List.of(), null),
                interval("FAIL", day(15), day(33), List.of(BUCKET), null),
                interval("PASS", day(33), null, List.of(), null));

        PeriodSummary s = PeriodSummary.of("LS-01", history, PERIOD);

        assertThat(s.passShare()).isEqualTo(0.5);
        assertThat(s.gaps()).isEmpty();
        assertThat(s.exceptions()).containsExactly(
                new PeriodSummary.ExceptionInterval(day(15), day(30), 15 * DAY, true, 1, List.of(BUCKET), null));
    }

    @Test
    void aControlWithNoHistoryIsOneNoEvidenceGapForTheWholePeriod() {
        PeriodSummary s = PeriodSummary.of("TPM-04", List.of(), PERIOD);

        assertThat(s.passShare()).isZero();
        assertThat(s.exceptions()).isEmpty();
        assertThat(s.gaps()).containsExactly(new PeriodSummary.Gap("NO_EVIDENCE", START, day(30), 30 * DAY, true,
                PeriodSummary.NOTHING_RECORDED));
    }

    @Test
    void statusesThatAreNeitherPassNorFailNorAGapAreTimedButNeverCountedAsPassing() {
        // EXCEPTED days 0–6 (6 days), NOT_APPLICABLE 6–12 (6), PASS 12–30 (18): share 18/30 = 0.6.
        List<StatusInterval> history = List.of(
                interval("EXCEPTED", day(0), day(6), List.of(BUCKET), "risk accepted until 2026-12-31"),
                interval("NOT_APPLICABLE", day(6), day(12), List.of(), "scoped out"),
                interval("PASS", day(12), null, List.of(), null));

        PeriodSummary s = PeriodSummary.of("LS-01", history, PERIOD);

        assertThat(s.passShare()).isCloseTo(0.6, within(1e-12));
        assertThat(s.secondsInStatus()).containsEntry("EXCEPTED", 6 * DAY).containsEntry("NOT_APPLICABLE", 6 * DAY);
        assertThat(s.exceptions()).isEmpty();
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void aMissingDocumentIsAGapNeitherPassingNorAnException() {
        // DOCUMENT_MISSING days 0–10 (rules pass, the document not yet uploaded), PASS 10–30: share 20/30.
        String why = "rules pass on 3 resource(s) in scope; no document uploaded for: encryption-standard";
        List<StatusInterval> history = List.of(
                interval("DOCUMENT_MISSING", day(0), day(10), List.of(), why),
                interval("PASS", day(10), null, List.of(), null));

        PeriodSummary s = PeriodSummary.of("LS-01", history, PERIOD);

        assertThat(s.passShare()).isCloseTo(20.0 / 30, within(1e-12));
        assertThat(s.secondsInStatus()).containsEntry("DOCUMENT_MISSING", 10 * DAY).containsEntry("PASS", 20 * DAY);
        assertThat(s.exceptions()).isEmpty();
        assertThat(s.gaps()).containsExactly(new PeriodSummary.Gap("DOCUMENT_MISSING", START, day(10), 10 * DAY, false,
                why));
    }

    @Test
    void overviewCountsControlsWithExceptionsAndAveragesTheirShares() {
        Catalogue catalogue = catalogue("""
                {"version": "test", "controls": [
                  {"id": "LS-01", "title": "Encrypt at rest", "category": "LS", "primaryTsc": "Confidentiality",
                   "frequency": "ONGOING", "evidence": "AUTOMATED",
                   "rules": [{"id": "aws.s3.default-encryption", "justification": "buckets encrypt"}]},
                  {"id": "CM-12", "title": "Approvals", "category": "CM", "primaryTsc": "Security",
                   "frequency": "ONGOING", "evidence": "AUTOMATED",
                   "rules": [{"id": "github.default-branch-requires-approval", "justification": "reviews"}]},
                  {"id": "TPM-04", "title": "Vendor agreements", "category": "TPM", "primaryTsc": "Security",
                   "frequency": "ANNUALLY", "evidence": "MANUAL"}
                ]}
                """);
        // LS-01: the script, 23.75/30. CM-12: PASS all period, 1. TPM-04: nothing recorded, 0.
        Map<String, List<StatusInterval>> history = Map.of(
                "LS-01", SCRIPT,
                "CM-12", List.of(interval("PASS", day(-1), null, List.of(), null)));

        PeriodOverview o = PeriodOverview.of(catalogue.controls(), history, PERIOD);

        assertThat(o.controlCount()).isEqualTo(3);
        assertThat(o.controlsWithExceptions()).isEqualTo(1);
        assertThat(o.controlsWithGaps()).isEqualTo(2);
        // (23.75/30 + 1 + 0) / 3 = 53.75 / 90 = 0.597222…
        assertThat(o.averagePassShare()).isCloseTo(53.75 / 90, within(1e-12));
        assertThat(o.controls()).extracting(PeriodOverview.ControlPeriod::id).containsExactly("LS-01", "CM-12", "TPM-04");
        PeriodOverview.ControlPeriod ls01 = o.controls().get(0);
        assertThat(ls01.exceptionCount()).isEqualTo(2);
        assertThat(ls01.exceptionSeconds()).isEqualTo(4.5 * DAY);
        assertThat(ls01.gapCount()).isEqualTo(3);
        assertThat(ls01.gapSeconds()).isEqualTo(1.75 * DAY);
    }

    // ---- helpers ----

    private static Catalogue catalogue(String json) {
        try {
            return Catalogue.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** October 1 plus a (fractional) number of days; quarter days are exact. */
    private static Instant day(double n) {
        return START.plus(Duration.ofMinutes(Math.round(n * 24 * 60)));
    }

    private static StatusInterval interval(String status, Instant from, Instant to, List<FailingResource> failing,
                                           String reason) {
        return new StatusInterval("LS-01", status, from, to, 3, failing, reason);
    }

    private static FailingResource failing(String key) {
        return new FailingResource(key, "aws.s3.bucket", "aws.s3.default-encryption", "no default encryption",
                "sha256:" + "c".repeat(64), START, new Provenance("s3:GetBucketEncryption", Map.of(), null,
                "d".repeat(64), "aws-s3", "0.1.0"));
    }
}
