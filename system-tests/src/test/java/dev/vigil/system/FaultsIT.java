package dev.vigil.system;

import dev.vigil.system.FaultSuite.Kill;
import dev.vigil.system.FaultSuite.NoFault;
import dev.vigil.system.FaultSuite.Outage;
import dev.vigil.system.FaultSuite.Outcome;
import dev.vigil.system.FaultSuite.Scenario;
import dev.vigil.system.FaultSuite.SlackOutage;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost under faults (docs/reliability.md). By default the short version that runs in {@code ./mvnw verify}:
 * one SIGKILL of the evaluator, a PostgreSQL outage, a broker restart and 1,000 malformed records, each in a stream of
 * a few thousand evidence events. {@code -Dvigil.faults=full} (bench/faults.sh) runs every scenario of issue 13 with
 * 100,000 events each. Either way it prints the table (and writes it to system-tests/target/fault-suite.md) and
 * fails on anything lost, duplicated or wrong.
 */
class FaultsIT {

    static List<Scenario> shortVersion() {
        return List.of(
                new Scenario("sigkill-evaluator", 4_000, 0, 4, 0.3, new Kill("control-evaluator", false)),
                new Scenario("postgres-outage", 4_000, 0, 4, 0.3, new Outage("postgres", 15)),
                new Scenario("broker-restart", 4_000, 0, 4, 0.3, new Outage("kafka", 10)),
                new Scenario("malformed", 4_000, 1_000, 4, 0.3, new NoFault("1,000 malformed records")));
    }

    static List<Scenario> fullVersion(int events) {
        return List.of(
                new Scenario("clean", events, 0, 6, 0.3, new NoFault("none (the reference)")),
                new Scenario("sigkill-evaluator-1", events, 0, 6, 0.2, new Kill("control-evaluator", false)),
                new Scenario("sigkill-evaluator-2", events, 0, 6, 0.5, new Kill("control-evaluator", false)),
                new Scenario("sigkill-evaluator-3", events, 0, 6, 0.8, new Kill("control-evaluator", false)),
                new Scenario("sigkill-report", events, 0, 6, 0.4, new Kill("report-service", false)),
                new Scenario("sigkill-collector", events, 0, 6, 0.4, new Kill("collector-service", true)),
                new Scenario("broker-restart", events, 0, 6, 0.3, new Outage("kafka", 30)),
                new Scenario("postgres-outage", events, 0, 6, 0.3, new Outage("postgres", 60)),
                new Scenario("slack-outage", events, 0, 6, 0.1,
                        new SlackOutage(Duration.ofMinutes(5), Duration.ofMinutes(5))),
                new Scenario("malformed", events, 10_000, 6, 0.3, new NoFault("10,000 malformed records")));
    }

    @Test
    void nothingIsLostOrDuplicatedUnderFaults() throws Exception {
        boolean full = "full".equals(System.getProperty("vigil.faults"));
        List<Scenario> scenarios = full ? fullVersion(Integer.getInteger("vigil.faults.events", 100_000))
                : shortVersion();
        List<Outcome> outcomes = new ArrayList<>();
        try (SlackStandIn slack = new SlackStandIn()) {
            LocalStackRun stack = LocalStackRun.up("vigil-faults", FaultSuite.stackEnvironment(slack));
            RestAssured.baseURI = "http://127.0.0.1";
            try {
                FaultSuite suite = new FaultSuite(stack, slack);
                for (Scenario s : scenarios) {
                    outcomes.add(suite.run(s));
                }
            } finally {
                String table = FaultSuite.table(outcomes);
                System.out.println("\nFault suite (" + (full ? "full" : "short") + "):\n" + table);
                Files.createDirectories(FaultSuite.reportFile().getParent());
                Files.writeString(FaultSuite.reportFile(), table);
                stack.down();
            }
        }
        assertThat(outcomes).hasSize(scenarios.size());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.clean()).as(o.scenario() + ": " + o.problems()
                + ", lost " + o.lost() + ", duplicated " + o.duplicated()).isTrue());
    }
}
