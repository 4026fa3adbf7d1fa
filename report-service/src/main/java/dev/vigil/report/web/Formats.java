package dev.vigil.report.web;

import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.DocumentPart;
import dev.vigil.report.format.DisplayFormat;
import io.quarkus.qute.TemplateExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Exposes {@link DisplayFormat} to the templates as {@code fmt:...}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private Formats() {
    }

    static String when(Instant t) {
        return DisplayFormat.when(t);
    }

    static String statusClass(ControlStatus s) {
        return DisplayFormat.statusClass(s);
    }

    static String badgeClass(Object status) {
        return DisplayFormat.badgeClass(status);
    }

    static String age(Duration d) {
        return DisplayFormat.age(d);
    }

    static String count(Integer n) {
        return DisplayFormat.count(n);
    }

    static String orNone(String s) {
        return DisplayFormat.orNone(s);
    }

    static String frequency(Frequency f) {
        return DisplayFormat.frequency(f);
    }

    static String documents(DocumentPart part) {
        return DisplayFormat.documents(part);
    }

    static String types(List<String> types) {
        return DisplayFormat.types(types);
    }

    static String evidence(EvidenceKind k) {
        return DisplayFormat.evidence(k);
    }
}
