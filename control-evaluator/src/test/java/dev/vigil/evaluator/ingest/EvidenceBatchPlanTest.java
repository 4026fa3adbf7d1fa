package dev.vigil.evaluator.ingest;

import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.SourceRef;
import dev.vigil.common.evidence.Trigger;
import dev.vigil.evaluator.ingest.EvidenceBatchPlan.Current;
import dev.vigil.evaluator.ingest.EvidenceBatchPlan.NewState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceBatchPlanTest {
    static final SourceRef AWS = new SourceRef("aws", "111122223333");
    static final SourceRef OTHER = new SourceRef("aws", "444455556666");
    static final Provenance PROV = new Provenance("s3:GetBucketEncryption", Map.of(), null, "ab".repeat(32),
            "aws-s3", "0.1.0");
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    static EvidenceEvent bucket(SourceRef source, String name, String algorithm, Instant at, String run) {
        return EvidenceEvent.of(source, "aws.s3.bucket", "aws:s3:" + name, at, run,
                Map.of("bucket", name, "defaultEncryption", algorithm), PROV);
    }

    static EvidenceEvent bucket(String name, String algorithm, Instant at, String run) {
        return bucket(AWS, name, algorithm, at, run);
    }

    static Current stored(EvidenceEvent e) {
        return new Current(e.runId(), e.id(), e.observedAt(), e.observedAt());
    }

    static final Trigger DELIVERY = new Trigger("github", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
            "branch_protection_rule.edited", T);

    /** Evidence of a targeted run: its provenance names the delivery that triggered the read. */
    static EvidenceEvent targeted(String name, String algorithm, Instant at, String run) {
        return EvidenceEvent.of(AWS, "aws.s3.bucket", "aws:s3:" + name, at, run,
                Map.of("bucket", name, "defaultEncryption", algorithm), PROV.withTrigger(DELIVERY));
    }

    static final EvidenceBatchPlan.Collection BUCKETS = new EvidenceBatchPlan.Collection(AWS.uri(), "aws.s3.bucket");

    @Test
    void newResourcesAreStoredAndCountAsFirstOfTheirRun() {
        EvidenceEvent a = bucket("a", "AES256", T, "r1");
        EvidenceEvent b = bucket("b", "aws:kms", T, "r1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(b, a), Map.of());

        assertThat(plan.versions()).extracting(v -> v.event().id()).containsExactly(b.id(), a.id());
        assertThat(plan.states()).extracting(s -> s.event().resourceKey()).containsExactly("aws:s3:a", "aws:s3:b");
        assertThat(plan.states()).allMatch(NewState::firstOfRun);
        assertThat(plan.firstSeenByRun(new EvidenceBatchPlan.Collection(AWS.uri(), "aws.s3.bucket")))
                .containsExactly(Map.entry("r1", 2L));
    }

    @Test
    void anExactRedeliveryChangesNoStateButKeepsTheVersion() {
        EvidenceEvent a = bucket("a", "AES256", T, "r1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(a), Map.of(a.resourceKey(), stored(a)));

        assertThat(plan.versions()).hasSize(1);
        assertThat(plan.states()).isEmpty();
    }

    @Test
    void olderEvidenceIsHistoryOnly() {
        EvidenceEvent newer = bucket("a", "AES256", T.plusSeconds(60), "r2");
        EvidenceEvent older = bucket("a", "aws:kms", T, "r1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(older), Map.of(newer.resourceKey(), stored(newer)));

        assertThat(plan.versions()).extracting(v -> v.event().id()).containsExactly(older.id());
        assertThat(plan.states()).isEmpty();
    }

    @Test
    void theSameFactsSeenAgainByALaterRunMoveTheStateButAreOneVersion() {
        EvidenceEvent first = bucket("a", "AES256", T, "r1");
        EvidenceEvent again = bucket("a", "AES256", T.plusSeconds(86_400), "r2");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(again), Map.of(first.resourceKey(), stored(first)));

        assertThat(plan.states()).singleElement().satisfies(s -> {
            assertThat(s.event()).isEqualTo(again);
            assertThat(s.firstOfRun()).isTrue();
        });
    }

    @Test
    void aResourceAlreadyCarryingTheRunIsNotCountedAgain() {
        EvidenceEvent first = bucket("a", "AES256", T, "r1");
        EvidenceEvent changed = bucket("a", "aws:kms", T.plusSeconds(5), "r1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(changed), Map.of(first.resourceKey(), stored(first)));

        assertThat(plan.states()).singleElement().satisfies(s -> assertThat(s.firstOfRun()).isFalse());
        assertThat(plan.firstSeenByRun(new EvidenceBatchPlan.Collection(AWS.uri(), "aws.s3.bucket"))).isEmpty();
    }

    @Test
    void withinAPollTheNewestEvidenceOfAResourceWinsAndTheLaterRecordOnATie() {
        EvidenceEvent early = bucket("a", "AES256", T, "r1");
        EvidenceEvent late = bucket("a", "aws:kms", T.plusSeconds(10), "r1");
        EvidenceEvent tie = bucket("a", "aws:kms:dsse", T.plusSeconds(10), "r1");

        assertThat(EvidenceBatchPlan.of(List.of(late, early), Map.of()).states())
                .singleElement().satisfies(s -> assertThat(s.event()).isEqualTo(late));
        assertThat(EvidenceBatchPlan.of(List.of(early, late, tie), Map.of()).states())
                .singleElement().satisfies(s -> assertThat(s.event()).isEqualTo(tie));
    }

    @Test
    void aVersionSeenTwiceInAPollIsRecordedOnceWithItsEarliestAndLatestObservation() {
        EvidenceEvent first = bucket("a", "AES256", T, "r1");
        EvidenceEvent replayed = bucket("a", "AES256", T.plusSeconds(30), "r2");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(replayed, first), Map.of());

        assertThat(plan.versions()).singleElement().satisfies(v -> {
            assertThat(v.firstObservedAt()).isEqualTo(T);
            assertThat(v.lastObservedAt()).isEqualTo(T.plusSeconds(30));
        });
    }

    @Test
    void collectionsAreNamedOnceInAFixedOrderAndCountedApart() {
        EvidenceEvent a = bucket(OTHER, "a", "AES256", T, "r9");
        EvidenceEvent b = bucket("b", "AES256", T, "r1");
        EvidenceEvent c = bucket("c", "AES256", T, "r1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(a, b, c), Map.of());

        assertThat(plan.collections()).containsExactly(
                new EvidenceBatchPlan.Collection(AWS.uri(), "aws.s3.bucket"),
                new EvidenceBatchPlan.Collection(OTHER.uri(), "aws.s3.bucket"));
        assertThat(plan.firstSeenByRun(new EvidenceBatchPlan.Collection(OTHER.uri(), "aws.s3.bucket")))
                .containsExactly(Map.entry("r9", 1L));
    }

    @Test
    void aTargetedReadMovesTheFactsButKeepsTheSweepThatSawTheResourceLast() {
        EvidenceEvent swept = bucket("a", "AES256", T, "sweep-1");
        EvidenceEvent event = targeted("a", "aws:kms", T.plusSeconds(60), "targeted-1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(event), Map.of(swept.resourceKey(), stored(swept)));

        assertThat(plan.states()).singleElement().satisfies(s -> {
            assertThat(s.event()).isEqualTo(event);
            assertThat(s.sweep()).isFalse();
            assertThat(s.firstOfRun()).isFalse();
        });
        assertThat(plan.seenBySweep()).isEmpty();
        assertThat(plan.firstSeenByRun(BUCKETS)).isEmpty();
        // the same delivery again changes nothing
        Current after = new Current("sweep-1", event.id(), event.observedAt(), T);
        assertThat(EvidenceBatchPlan.of(List.of(event), Map.of(event.resourceKey(), after)).states()).isEmpty();
    }

    @Test
    void aSweepsEvidenceOlderThanATargetedReadStillCountsAsSeenBySweepAndKeepsTheNewerFacts() {
        // the sweep started, read bucket a at T; an event re-read it at T+60 and that evidence was stored first
        Current afterTargetedRead = new Current("sweep-1", targeted("a", "aws:kms", T.plusSeconds(60), "targeted-1")
                .id(), T.plusSeconds(60), T.minusSeconds(86_400));
        EvidenceEvent sweep = bucket("a", "AES256", T, "sweep-2");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(sweep), Map.of(sweep.resourceKey(), afterTargetedRead));

        assertThat(plan.states()).isEmpty();
        assertThat(plan.seenBySweep()).singleElement().satisfies(s -> {
            assertThat(s.event()).isEqualTo(sweep);
            assertThat(s.firstOfRun()).isTrue();
        });
        assertThat(plan.firstSeenByRun(BUCKETS)).containsExactly(Map.entry("sweep-2", 1L));
        assertThat(plan.versions()).extracting(v -> v.event().id()).containsExactly(sweep.id());
    }

    @Test
    void anOlderSweepReplayedAfterANewerOneNeverMarksTheResource() {
        EvidenceEvent newer = bucket("a", "AES256", T.plusSeconds(3600), "sweep-2");
        EvidenceEvent replayed = bucket("a", "AES256", T, "sweep-1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(replayed), Map.of(newer.resourceKey(), stored(newer)));

        assertThat(plan.states()).isEmpty();
        assertThat(plan.seenBySweep()).isEmpty();
        assertThat(plan.firstSeenByRun(BUCKETS)).isEmpty();
    }

    @Test
    void inOnePollATargetedReadWinsTheFactsAndTheOlderSweepSightingStillCounts() {
        EvidenceEvent sweep = bucket("new", "AES256", T, "sweep-1");
        EvidenceEvent event = targeted("new", "aws:kms", T.plusSeconds(5), "targeted-1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(sweep, event), Map.of());

        assertThat(plan.states()).singleElement().satisfies(s -> assertThat(s.event()).isEqualTo(event));
        assertThat(plan.seenBySweep()).singleElement().satisfies(s -> {
            assertThat(s.event()).isEqualTo(sweep);
            assertThat(s.firstOfRun()).isTrue();
        });
        assertThat(plan.firstSeenByRun(BUCKETS)).containsExactly(Map.entry("sweep-1", 1L));
    }

    @Test
    void aResourceOnlyATargetedReadHasSeenIsMarkedByTheFirstSweepThatSeesIt() {
        EvidenceEvent event = targeted("new", "aws:kms", T.plusSeconds(5), "targeted-1");
        Current onlyTargeted = new Current("targeted-1", event.id(), event.observedAt(), null);
        EvidenceEvent sweep = bucket("new", "aws:kms", T, "sweep-1");
        EvidenceBatchPlan plan = EvidenceBatchPlan.of(List.of(sweep), Map.of(sweep.resourceKey(), onlyTargeted));

        assertThat(plan.states()).isEmpty();
        assertThat(plan.firstSeenByRun(BUCKETS)).containsExactly(Map.entry("sweep-1", 1L));
    }
}
