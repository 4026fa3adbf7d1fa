package dev.vigil.collector.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Who runs a collector's run of everything, decided on the lease row alone. */
class RunLeaseTest {
    static final RunLease.Key KEY = new RunLease.Key("okta-user-mfa", "vigil://okta/acme-demo.okta.com");
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration SIX_HOURS = Duration.ofHours(6);

    static RunLease held(String holder, String runId, long token, Instant expiresAt, Instant lastStartedAt) {
        return new RunLease(KEY, holder, runId, token, expiresAt, lastStartedAt, null);
    }

    static RunLease released(long token, Instant lastStartedAt) {
        return released(token, lastStartedAt, RunLease.COMPLETED);
    }

    static RunLease released(long token, Instant lastStartedAt, String end) {
        return new RunLease(KEY, "collector-a", null, token, lastStartedAt.plusSeconds(30), lastStartedAt, end);
    }

    @Test
    void aKeyNoRunEverHeldIsGrantedWithTheFirstTokenAndItsStartRecorded() {
        RunLease.Decision d = RunLease.none(KEY).decide(new RunLease.Ask.Now(), "collector-a", "run-1", NOW, TTL);

        assertThat(d).isEqualTo(new RunLease.Decision.Granted(
                new RunLease(KEY, "collector-a", "run-1", 1, NOW.plus(TTL), NOW, null)));
    }

    @Test
    void aLeaseItsHolderRenewsIsHeldWhateverTheAsk() {
        RunLease lease = held("collector-a", "run-1", 4, NOW.plusSeconds(1), NOW.minusSeconds(50));

        for (RunLease.Ask ask : new RunLease.Ask[] {new RunLease.Ask.Now(),
                new RunLease.Ask.OnStart(Duration.ZERO), new RunLease.Ask.Scheduled(Duration.ofSeconds(1), NOW)}) {
            assertThat(lease.decide(ask, "collector-b", "run-2", NOW, TTL)).isEqualTo(new RunLease.Decision.Held(lease));
        }
    }

    @Test
    void anExpiredLeaseStillHoldingARunIsTakenOverWithTheNextTokenWhetherDueOrNot() {
        RunLease lease = held("collector-a", "run-1", 4, NOW, NOW.minusSeconds(600));

        RunLease.Decision d = lease.decide(new RunLease.Ask.Scheduled(SIX_HOURS, NOW.plus(SIX_HOURS)), "collector-b",
                "run-2", NOW, TTL);

        assertThat(d).isEqualTo(new RunLease.Decision.Granted(
                new RunLease(KEY, "collector-b", "run-2", 5, NOW.plus(TTL), NOW, null), "run-1", "collector-a",
                NOW.minusSeconds(600)));
        assertThat(lease.abandoned(NOW)).isTrue();
        assertThat(lease.held(NOW)).isFalse();
    }

    @Test
    void aReleasedLeaseIsGrantedToWhoeverAsksNow() {
        RunLease.Decision d = released(7, NOW.minusSeconds(5)).decide(new RunLease.Ask.Now(), "collector-b", "run-9",
                NOW, TTL);

        assertThat(d).isInstanceOf(RunLease.Decision.Granted.class);
        RunLease.Decision.Granted granted = (RunLease.Decision.Granted) d;
        assertThat(granted.lease().token()).isEqualTo(8);
        assertThat(granted.abandonedRunId()).isNull();
    }

    @Test
    void theRunAtStartIsSkippedWhenAnotherStartedWithinTheWindow() {
        RunLease.Ask start = new RunLease.Ask.OnStart(Duration.ofMinutes(10));

        assertThat(released(3, NOW.minusSeconds(599)).decide(start, "collector-b", "run-2", NOW, TTL))
                .isEqualTo(new RunLease.Decision.NotDue(NOW.plusSeconds(1)));
        assertThat(released(3, NOW.minusSeconds(600)).decide(start, "collector-b", "run-2", NOW, TTL))
                .isInstanceOf(RunLease.Decision.Granted.class);
        assertThat(RunLease.none(KEY).decide(start, "collector-b", "run-2", NOW, TTL))
                .isInstanceOf(RunLease.Decision.Granted.class);
    }

    @Test
    void aRecentRunThatDidNotCompleteDoesNotStandForTheRunAtStart() {
        RunLease.Ask start = new RunLease.Ask.OnStart(Duration.ofMinutes(10));

        for (String end : new String[] {"PARTIAL", "FAILED", null}) {
            assertThat(released(3, NOW.minusSeconds(60), end).decide(start, "collector-b", "run-2", NOW, TTL))
                    .as(end).isInstanceOf(RunLease.Decision.Granted.class);
        }
    }

    @Test
    void atStartALeaseHeldUnderThisInstancesOwnNameIsItsPreviousProcesssAndIsTakenOver() {
        RunLease lease = held("collector-a", "run-1", 4, NOW.plusSeconds(50), NOW.minusSeconds(10));

        assertThat(lease.decide(new RunLease.Ask.OnStart(Duration.ofMinutes(10)), "collector-a", "run-2", NOW, TTL))
                .isEqualTo(new RunLease.Decision.Granted(new RunLease(KEY, "collector-a", "run-2", 5, NOW.plus(TTL),
                        NOW, null), "run-1", "collector-a", NOW.minusSeconds(10)));
        // any other ask, or another instance, finds it held
        assertThat(lease.decide(new RunLease.Ask.Now(), "collector-a", "run-2", NOW, TTL))
                .isEqualTo(new RunLease.Decision.Held(lease));
        assertThat(lease.decide(new RunLease.Ask.OnStart(Duration.ofMinutes(10)), "collector-b", "run-2", NOW, TTL))
                .isEqualTo(new RunLease.Decision.Held(lease));
    }

    @Test
    void aScheduleIsDueOneIntervalAfterTheLastStartOnAnyInstance() {
        Instant last = NOW.minus(SIX_HOURS).plusSeconds(1);
        RunLease.Ask tick = new RunLease.Ask.Scheduled(SIX_HOURS, NOW.minusSeconds(3600));

        assertThat(released(3, last).decide(tick, "collector-b", "run-2", NOW, TTL))
                .isEqualTo(new RunLease.Decision.NotDue(NOW.plusSeconds(1)));
        assertThat(released(3, last).decide(tick, "collector-b", "run-2", NOW.plusSeconds(1), TTL))
                .isInstanceOf(RunLease.Decision.Granted.class);
    }

    @Test
    void aCollectorThatNeverRanIsDueOneIntervalAfterTheServiceStarted() {
        Instant started = NOW.minusSeconds(60);
        RunLease.Ask tick = new RunLease.Ask.Scheduled(SIX_HOURS, started.plus(SIX_HOURS));

        assertThat(RunLease.dueAt(null, SIX_HOURS, started.plus(SIX_HOURS))).isEqualTo(started.plus(SIX_HOURS));
        assertThat(RunLease.none(KEY).decide(tick, "collector-a", "run-1", NOW, TTL))
                .isEqualTo(new RunLease.Decision.NotDue(started.plus(SIX_HOURS)));
    }

    @Test
    void onlyTheCurrentTokenRenewsOrReleases() {
        RunLease lease = held("collector-b", "run-2", 5, NOW.plusSeconds(10), NOW.minusSeconds(50));

        assertThat(lease.renewed(5, NOW, TTL)).hasValue(held("collector-b", "run-2", 5, NOW.plus(TTL),
                NOW.minusSeconds(50)));
        assertThat(lease.renewed(4, NOW, TTL)).isEmpty();
        assertThat(lease.released(4, NOW, "COMPLETED")).isEmpty();
        assertThat(lease.released(5, NOW, "COMPLETED")).hasValue(new RunLease(KEY, "collector-b", null, 5, NOW,
                NOW.minusSeconds(50), "COMPLETED"));
        // released: its run ended, nothing of it may be written any more
        assertThat(lease.released(5, NOW, "COMPLETED").orElseThrow().renewed(5, NOW, TTL)).isEmpty();
    }

    @Test
    void anExpiredLeaseNoOneTookIsStillItsHoldersToRenew() {
        RunLease lease = held("collector-a", "run-1", 4, NOW.minusSeconds(1), NOW.minusSeconds(90));

        assertThat(lease.renewed(4, NOW, TTL)).map(RunLease::expiresAt).hasValue(NOW.plus(TTL));
    }
}
