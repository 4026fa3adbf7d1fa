package dev.vigil.evaluator;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Topics;
import dev.vigil.stack.testing.KafkaTestClient;
import dev.vigil.stack.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;

/**
 * What the ITs that publish evidence as another service would and wait for the control statuses it leads to share:
 * an empty evaluator before each test (its tables truncated), the evidence topic to send to, and the status topic
 * tailed from the test's start. Subclasses are the {@code @QuarkusTest}s, with the Kafka and PostgreSQL resources.
 */
public abstract class ControlsFromEvidenceIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    protected KafkaTestClient kafka;
    protected KafkaTestClient.Tail statuses;

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @BeforeEach
    void emptyEvaluatorAndTailStatuses() throws SQLException {
        truncateEvaluatorState();
        kafka = KafkaTestClient.forTestBroker();
        statuses = kafka.tailFromNow(Topics.CONTROL_STATUS);
    }

    @AfterEach
    void closeKafka() {
        statuses.close();
        kafka.close();
    }

    /** Every table the evaluator's state lives in, emptied: each test starts from no evidence at all. */
    static void truncateEvaluatorState() throws SQLException {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute("TRUNCATE evaluator.evidence_ledger, evaluator.ledger_chain, "
                    + "evaluator.ledger_checkpoint, evaluator.resource_state, evaluator.evidence_item, "
                    + "evaluator.coverage, evaluator.collection_run, evaluator.control_state, "
                    + "evaluator.control_exception, evaluator.scoping_decision, evaluator.ledger_decision, "
                    + "evaluator.published_status");
        }
    }

    /** The evidence on its topic, keyed by resource as the services publish it. */
    protected void send(EvidenceEvent e) {
        kafka.sendEvent(Topics.EVIDENCE, e.resourceKey(), EventCodec.encode(e));
    }

    /** The latest status event of the control that matches, among those published since the test started. */
    protected ControlStatusEvent awaitStatus(String controlId, Predicate<ControlStatusEvent> match) {
        Predicate<ControlStatusEvent> wanted = s -> s.controlId().equals(controlId) && match.test(s);
        return statuses.awaitAny(r -> wanted.test(EventCodec.decodeStatus(r.value())), WAIT).stream()
                .map(r -> EventCodec.decodeStatus(r.value())).filter(wanted).reduce((a, b) -> b).orElseThrow();
    }
}
