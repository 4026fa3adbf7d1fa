package dev.vigil.common.catalogue;

/** How a control is evidenced: by rules over collected facts, by uploaded documents, or both. */
public enum EvidenceKind {
    AUTOMATED, MANUAL, BOTH
}
