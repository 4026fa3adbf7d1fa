package dev.vigil.report.commitments;

import java.util.List;

/**
 * A promise the organisation made to its customers, where it made it, and the controls that keep it
 * ({@code report-service/src/main/resources/commitments/commitments.json}, described in docs/commitments.md).
 *
 * @param category the Trust Services Category it belongs to: Security, Availability, Confidentiality,
 *                 Processing Integrity or Privacy
 * @param statedIn where a customer reads it: trust page, DPA, MSA, SLA, privacy policy
 * @param controls the catalogue controls that back it, each with why; none means nothing shows it is kept
 */
public record Commitment(String id, String statement, String category, List<String> statedIn,
                         List<Backing> controls) {

    public Commitment {
        statedIn = statedIn == null ? List.of() : List.copyOf(statedIn);
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** A control that backs the commitment, with the one-line reason an auditor reads. */
    public record Backing(String control, String justification) {
    }
}
