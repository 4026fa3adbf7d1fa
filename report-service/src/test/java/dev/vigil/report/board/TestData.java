package dev.vigil.report.board;

import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.evidence.Provenance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A three-control catalogue and events for it, small enough to read in a test. */
final class TestData {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static final String CATALOGUE = """
            {"version": "test-1", "controls": [
              {"id": "LS-02", "title": "Log retention", "category": "LS", "categoryName": "Logging",
               "primaryTsc": "Security", "secondaryTsc": null, "frequency": "ONGOING", "evidence": "AUTOMATED",
               "rules": [{"id": "aws.cloudtrail-enabled", "justification": "Trails record API activity."}]},
              {"id": "CM-01", "title": "Access review", "category": "CM", "categoryName": "Change Management",
               "primaryTsc": "Security", "secondaryTsc": "Confidentiality", "frequency": "QUARTERLY",
               "evidence": "MANUAL", "rules": []},
              {"id": "LS-05", "title": "Alerting", "category": "LS", "categoryName": "Logging",
               "primaryTsc": "Availability", "secondaryTsc": null, "frequency": "DAILY", "evidence": "AUTOMATED",
               "rules": [{"id": "aws.alarm-exists", "justification": "An alarm pages someone."}]}
            ]}
            """;

    private TestData() {
    }

    static Catalogue catalogue() {
        try {
            return Catalogue.load(new ByteArrayInputStream(CATALOGUE.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ControlStatusEvent pass(String id) {
        return new ControlStatusEvent(id, ControlStatus.PASS, T0, 3, List.of(), null);
    }

    static ControlStatusEvent fail(String id, FailingResource... failing) {
        return new ControlStatusEvent(id, ControlStatus.FAIL, T0, 3, List.of(failing), null);
    }

    static FailingResource failing(String key) {
        return new FailingResource(key, "aws.cloudtrail.trail", "aws.cloudtrail-enabled", "logging is off",
                "ev-" + key, T0.minusSeconds(60),
                new Provenance("cloudtrail:DescribeTrails", Map.of(), null, "ab".repeat(32), "aws", "1.0"));
    }
}
