package dev.vigil.report.generated;

import java.util.List;
import java.util.Map;

/**
 * Derives one required document of one control from collected evidence (docs/controls.md, "Generated documents").
 * Plain Java over {@link SourceData}: one small class per document type, a CDI bean found by name. Each entry of the
 * document names the resource it comes from ({@code source}: its resource key), so an auditor traces every line to
 * an evidence version.
 */
public interface DocumentGenerator {

    /** The generator's name, as the evidence and the document say it (the class's simple name). */
    default String name() {
        return getClass().getSimpleName();
    }

    String controlId();

    String documentType();

    /** Every resource type the document is built from; each is read from the evaluator with its facts. */
    List<String> resourceTypes();

    /** One sentence for the reader of the document: what it lists, from what, and what it does not cover. */
    String describes();

    /**
     * The document's entries, in a stable order.
     *
     * @throws IncompleteSourceException when the collected data cannot show the whole document
     */
    List<Map<String, Object>> entries(SourceData data);
}
