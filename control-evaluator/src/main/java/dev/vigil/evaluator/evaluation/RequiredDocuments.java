package dev.vigil.evaluator.evaluation;

import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.evaluator.domain.RequiredDocument;

import java.util.List;

/** The document types the catalogue asks of a control (none listed: any document, aged by the control's frequency). */
final class RequiredDocuments {
    private RequiredDocuments() {
    }

    static List<RequiredDocument> of(ControlDefinition control) {
        return control.documents().stream().map(d -> new RequiredDocument(d.type(), d.maxAgeDays())).toList();
    }
}
