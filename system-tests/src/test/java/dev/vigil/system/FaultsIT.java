package dev.vigil.system;

import dev.vigil.system.FaultSuite.Outcome;
import dev.vigil.system.FaultSuite.Scenario;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost under faults (docs/reliability.md). By default the short version that runs in {@code ./mvnw verify}:
 * a SIGKILL of the evaluator, a PostgreSQL outage, a broker restart and 1,000
 * malformed records, each in a stream of a few thousand evidence events. bench/faults.sh runs the full version
 * ({@link FaultSuite#main}). Either way the table is printed and written to system-tests/target/fault-suite.md; this
 * fails on anything lost, duplicated or wrong.
 */
@Order(1) // before the tests that share one demo stack (SharedDemoStack): never two stacks at once
class FaultsIT {

    @Test
    void nothingIsLostOrDuplicatedUnderFaults() throws Exception {
        List<Scenario> scenarios = FaultSuite.shortVersion();
        List<Outcome> outcomes = FaultSuite.runAll("short", scenarios);
        assertThat(outcomes).hasSize(scenarios.size());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.clean()).as(o.scenario() + ": " + o.problems()
                + ", lost " + o.lost() + ", duplicated " + o.duplicated()).isTrue());
    }
}
