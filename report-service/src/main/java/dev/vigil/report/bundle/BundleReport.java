package dev.vigil.report.bundle;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.report.commitments.Commitment;
import dev.vigil.report.period.Period;
import dev.vigil.report.period.PeriodSummary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the human-readable parts of a bundle say (summary.html, summary.pdf, controls.csv, the OSCAL results): one row
 * per control with how it operated over the period, and the commitments those controls back.
 *
 * @param keyId the signing key's id, printed so a reader can match it with the published key
 */
public record BundleReport(Period period, Instant createdAt, String generator, String catalogueVersion, String keyId,
                           List<ControlRow> controls, List<CommitmentRow> commitments, long ledgerRecords,
                           int missingRawResponses) {

    /**
     * @param summary       share in PASS, time per status, exceptions (FAIL intervals) and gaps over the period
     * @param accepted      risk acceptances in force at some time in the period
     * @param evidenceItems evidence versions observed in the period (the lines of its evidence.jsonl)
     * @param folder        its folder inside the bundle
     */
    public record ControlRow(ControlDefinition control, PeriodSummary summary, List<AcceptedException> accepted,
                             long evidenceItems, String folder) {

        /** Operated as designed all period: never failed, never unknown. Anything else is for the auditor to read. */
        public boolean operatedThroughout() {
            return summary.exceptions().isEmpty() && summary.gaps().isEmpty();
        }
    }

    /** A commitment with the period's share in PASS of each control backing it (null: not in the catalogue). */
    public record CommitmentRow(Commitment commitment, Map<String, Double> passShareByControl) {
    }

    public int controlsWithExceptions() {
        return (int) controls.stream().filter(c -> !c.summary().exceptions().isEmpty()).count();
    }

    public int controlsWithGaps() {
        return (int) controls.stream().filter(c -> !c.summary().gaps().isEmpty()).count();
    }

    public long evidenceItems() {
        return controls.stream().mapToLong(ControlRow::evidenceItems).sum();
    }
}
