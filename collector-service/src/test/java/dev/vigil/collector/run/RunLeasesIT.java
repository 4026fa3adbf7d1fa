package dev.vigil.collector.run;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.spi.ApiCalls;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * Two instances' worth of competition for run leases on a real PostgreSQL: two lease stores, each on its own
 * connections, race for the same run; the one that lost its lease by expiry cannot write any more; and the service
 * answers a run another instance holds with 409 and takes over one whose instance died.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class RunLeasesIT {
    static final Duration TTL = Duration.ofSeconds(60);

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    AgroalDataSource db;
    @Inject
    RunHistory history;
    @Inject
    CollectionRunner runner;

    static RunLease.Key freshKey() {
        return new RunLease.Key("lease-test", "vigil://test/" + UUID.randomUUID());
    }

    static RunSummary summary(String runId, RunState state) {
        return new RunSummary(runId, "lease-test", "vigil://test/x", state, Instant.now(),
                state.finished() ? Instant.now() : null, Map.of("test.item", 0L), List.of(),
                new ApiCalls.Summary(0, 0, null, null, null), null);
    }

    @Test
    void ofTwoInstancesRacingForTheSameRunOnlyOneWins() throws Exception {
        RunLease.Key key = freshKey();
        LeaseStore a = new LeaseStore(db);
        LeaseStore b = new LeaseStore(db);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RunLease.Decision>> asks = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                LeaseStore store = i % 2 == 0 ? a : b;
                String instance = i % 2 == 0 ? "collector-a" : "collector-b";
                String runId = "run-" + i;
                asks.add(pool.submit((Callable<RunLease.Decision>) () -> {
                    go.await();
                    return store.acquire(key, new RunLease.Ask.Now(), instance, runId, TTL);
                }));
            }
            go.countDown();
            List<RunLease.Decision> decisions = new ArrayList<>();
            for (Future<RunLease.Decision> f : asks) {
                decisions.add(f.get());
            }
            List<RunLease.Decision.Granted> granted = decisions.stream()
                    .filter(RunLease.Decision.Granted.class::isInstance).map(RunLease.Decision.Granted.class::cast)
                    .toList();
            assertThat(granted).hasSize(1);
            RunLease winner = granted.get(0).lease();
            assertThat(winner.token()).isEqualTo(1);
            assertThat(decisions).filteredOn(RunLease.Decision.Held.class::isInstance).hasSize(7)
                    .allSatisfy(d -> assertThat(((RunLease.Decision.Held) d).current().runId())
                            .isEqualTo(winner.runId()));
            assertThat(a.current(key)).hasValue(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsStaleTokenCannotWrite() throws InterruptedException {
        RunLease.Key key = freshKey();
        LeaseStore a = new LeaseStore(db);
        LeaseStore b = new LeaseStore(db);
        String runA = "lease-test-" + UUID.randomUUID();
        String runB = "lease-test-" + UUID.randomUUID();

        RunLease leaseA = ((RunLease.Decision.Granted) a.acquire(key, new RunLease.Ask.Now(), "collector-a", runA,
                Duration.ofMillis(500))).lease();
        RunHistory.Fence fenceA = new RunHistory.Fence(key, leaseA.token(), runA);
        assertThat(history.put(summary(runA, RunState.STARTED), fenceA, "collector-a")).isTrue();
        assertThat(b.acquire(key, new RunLease.Ask.Now(), "collector-b", runB, TTL))
                .isInstanceOf(RunLease.Decision.Held.class);

        Thread.sleep(700); // collector-a stops renewing: it died, or stalled longer than its lease
        RunLease.Decision taken = b.acquire(key, new RunLease.Ask.Now(), "collector-b", runB, TTL);

        assertThat(taken).isInstanceOf(RunLease.Decision.Granted.class);
        RunLease.Decision.Granted granted = (RunLease.Decision.Granted) taken;
        assertThat(granted.lease().token()).isGreaterThan(leaseA.token());
        assertThat(granted.abandonedRunId()).isEqualTo(runA);
        assertThat(granted.abandonedBy()).isEqualTo("collector-a");
        RunHistory.Fence fenceB = new RunHistory.Fence(key, granted.lease().token(), runB);

        // collector-a wakes up: its stale token renews, releases and records nothing
        assertThat(a.renew(key, leaseA.token(), TTL)).isFalse();
        assertThat(a.release(key, leaseA.token(), "COMPLETED")).isFalse();
        assertThat(history.put(summary(runA, RunState.COMPLETED), fenceA, "collector-a")).isFalse();
        assertThat(b.current(key).orElseThrow().holder()).isEqualTo("collector-b");

        assertThat(history.put(summary(runB, RunState.STARTED), fenceB, "collector-b")).isTrue();
        assertThat(b.renew(key, fenceB.token(), TTL)).isTrue();
        assertThat(history.put(summary(runB, RunState.COMPLETED), fenceB, "collector-b")).isTrue();
        assertThat(b.release(key, fenceB.token(), "COMPLETED")).isTrue();
        assertThat(b.renew(key, fenceB.token(), TTL)).isFalse(); // released: its run is over
        assertThat(history.newestFirst()).filteredOn(r -> r.runId().equals(runA))
                .singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(RunState.STARTED));
    }

    @Test
    void aRunAnotherInstanceHoldsIsAnsweredWith409AndWhoHoldsIt() {
        RunLease.Key key = CollectionRunner.key(runner.find("okta-user-mfa").orElseThrow());
        LeaseStore other = new LeaseStore(db);
        String otherRun = "other-" + UUID.randomUUID();
        RunLease lease = ((RunLease.Decision.Granted) other.acquire(key, new RunLease.Ask.Now(), "collector-b",
                otherRun, TTL)).lease();
        try {
            given().post("/api/collections?collector=okta-user-mfa").then().statusCode(409)
                    .body("runs[0].runId", is(otherRun))
                    .body("runs[0].alreadyRunning", is(true))
                    .body("runs[0].heldBy", is("collector-b"));
        } finally {
            assertThat(other.release(key, lease.token(), null)).isTrue();
        }

        String runId = given().post("/api/collections?collector=okta-user-mfa").then().statusCode(202)
                .body("runs[0].heldBy", is(runner.instance()))
                .extract().jsonPath().getString("runs[0].runId");
        awaitFinished(runId);
        // this instance took the next token, and released it when its run ended
        await().atMost(Duration.ofSeconds(10)).until(() -> other.current(key).orElseThrow().runId() == null);
        RunLease after = other.current(key).orElseThrow();
        assertThat(after.holder()).isEqualTo(runner.instance());
        assertThat(after.token()).isEqualTo(lease.token() + 1);
        assertThat(after.runId()).isNull();
        assertThat(after.lastEnd()).isEqualTo(RunLease.COMPLETED);

        // that completed run counts for every instance: a start now, or a tick within its interval, runs nothing
        var okta = runner.find("okta-user-mfa").orElseThrow();
        assertThat(runner.start(okta, new RunLease.Ask.OnStart(Duration.ofMinutes(10)))).isEmpty();
        assertThat(runner.start(okta, new RunLease.Ask.Scheduled(Duration.ofHours(6), Instant.now()))).isEmpty();
        assertThat(other.current(key).orElseThrow().token()).isEqualTo(after.token());
    }

    @Test
    void aRunWhoseInstanceDiedIsTakenOverAndEndsFailedInTheHistory() throws InterruptedException {
        RunLease.Key key = CollectionRunner.key(runner.find("aws-kms").orElseThrow());
        LeaseStore dead = new LeaseStore(db);
        String deadRun = "dead-" + UUID.randomUUID();
        RunLease lease = ((RunLease.Decision.Granted) dead.acquire(key, new RunLease.Ask.Now(), "collector-dead",
                deadRun, Duration.ofMillis(300))).lease();
        assertThat(history.put(new RunSummary(deadRun, "aws-kms", key.target(), RunState.STARTED, Instant.now(), null,
                Map.of("aws.kms.key", 0L), List.of(), new ApiCalls.Summary(0, 0, null, null, null), null),
                new RunHistory.Fence(key, lease.token(), deadRun), "collector-dead")).isTrue();
        Thread.sleep(500);

        String runId = given().post("/api/collections?collector=aws-kms").then().statusCode(202)
                .extract().jsonPath().getString("runs[0].runId");

        given().get("/api/collections").then().statusCode(200)
                .body("find { it.runId == '" + deadRun + "' }.state", is("FAILED"))
                .body("find { it.runId == '" + deadRun + "' }.failures[0].reason",
                        is("run abandoned: instance collector-dead stopped renewing its lease; run " + runId
                                + " took over"));
        awaitFinished(runId);
    }

    /** MultiInstanceIT once counted a grant without a run: the instance died while the run waited for a thread. */
    @Test
    void aRunWhoseInstanceDiedBeforeItRecordedItsStartIsStillInTheHistoryAsFailed() throws InterruptedException {
        RunLease.Key key = CollectionRunner.key(runner.find("aws-kms").orElseThrow());
        String deadRun = "dead-" + UUID.randomUUID();
        Instant granted = ((RunLease.Decision.Granted) new LeaseStore(db).acquire(key, new RunLease.Ask.Now(),
                "collector-dead", deadRun, Duration.ofMillis(300))).lease().lastStartedAt();
        Thread.sleep(500);

        String runId = given().post("/api/collections?collector=aws-kms").then().statusCode(202)
                .extract().jsonPath().getString("runs[0].runId");

        String dead = "find { it.runId == '" + deadRun + "' }";
        var answer = given().get("/api/collections").then().statusCode(200)
                .body(dead + ".state", is("FAILED"))
                .body(dead + ".failures[0].reason", is("run abandoned: instance collector-dead stopped renewing "
                        + "its lease; run " + runId + " took over"))
                .extract().jsonPath();
        assertThat(Instant.parse(answer.getString(dead + ".startedAt"))).isEqualTo(granted);
        assertThat(answer.getMap(dead + ".counts")).containsEntry("aws.kms.key", 0);
        awaitFinished(runId);
    }

    private static void awaitFinished(String runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/collections").then().statusCode(200)
                .extract().jsonPath().getString("find { it.runId == '" + runId + "' }.finishedAt") != null);
    }
}
