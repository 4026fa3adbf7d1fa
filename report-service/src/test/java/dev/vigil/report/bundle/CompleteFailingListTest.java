package dev.vigil.report.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.bundle.BundleSigner;
import dev.vigil.bundle.BundleVerifier;
import dev.vigil.common.catalogue.Catalogue;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.common.ledger.LedgerRecord;
import dev.vigil.report.commitments.CommitmentRegistry;
import dev.vigil.report.history.StatusInterval;
import dev.vigil.report.period.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A status event lists only the first failing resources; an auditor's bundle must still hold every one of them, read
 * from the evaluator for the status that listed fewer than it counted.
 */
class CompleteFailingListTest {
    static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    static final Period PERIOD = new Period(FEB, Instant.parse("2026-03-01T00:00:00Z"));
    static final Instant FAILED = Instant.parse("2026-02-10T00:00:00Z");
    static final Instant FIXED = Instant.parse("2026-02-12T00:00:00Z");
    static final int COUNT = 3_440;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static FailingResource bucket(int i) {
        String name = "acme-%05d".formatted(i);
        return new FailingResource("aws:111122223333:s3:" + name, "aws.s3.bucket", "aws.s3.default-encryption",
                "bucket " + name + " has no default encryption configured", "e" + i, FAILED, null, null);
    }

    static List<FailingResource> buckets(int n) {
        List<FailingResource> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(bucket(i));
        }
        return all;
    }

    /**
     * The evaluator: the status failed at FAILED has COUNT failing buckets, of which it serves {@code served}; none
     * kept at all when {@code served} is negative.
     */
    static PeriodEvidence evaluatorServing(int served, List<String> asked) {
        return new PeriodEvidence() {
            @Override
            public Optional<Iterator<FailingResource>> failingResources(String controlId, Instant evaluatedAt) {
                asked.add(controlId + "@" + evaluatedAt);
                return served < 0 ? Optional.empty() : Optional.of(buckets(served).iterator());
            }

            @Override
            public Iterator<ObservedEvidence> observed(String controlId, Period period) {
                return List.<ObservedEvidence>of().iterator();
            }

            @Override
            public Optional<InputStream> rawResponse(String sha256) {
                return Optional.empty();
            }

            @Override
            public LedgerSlice ledger(Period period) {
                return new LedgerSlice(null, 0, List.<LedgerRecord>of().iterator());
            }

            @Override
            public List<AcceptedException> acceptedExceptions() {
                return List.of();
            }
        };
    }

    static Map<String, List<StatusInterval>> history() {
        return Map.of("LS-01", List.of(
                new StatusInterval("LS-01", "FAIL", FAILED, FIXED, 5_000, COUNT, buckets(3), null),
                new StatusInterval("LS-01", "PASS", FIXED, null, 5_000, List.of(), null)));
    }

    Path write(PeriodBundle writer, PeriodEvidence evidence) throws Exception {
        Path zip = dir.resolve("feb.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            writer.write(out, PERIOD, history(), List.of(), evidence, Instant.parse("2026-03-02T08:00:00Z"));
        }
        return zip;
    }

    @Test
    void theStatusHistoryListsEveryFailingResourceOfAStatusThatListedOnlyTheFirst() throws Exception {
        Catalogue catalogue = Catalogue.loadDefault();
        BundleSigner signer = BundleSigner.generate();
        List<String> asked = new ArrayList<>();
        Path zip = write(new PeriodBundle(catalogue, CommitmentRegistry.loadDefault(catalogue), signer, "test"),
                evaluatorServing(COUNT, asked));

        assertThat(asked).containsExactly("LS-01@" + FAILED); // the PASS listed all it had: nothing
        Map<String, byte[]> entries = ZipFiles.read(zip);
        JsonNode history = JSON.readTree(entries.get("controls/LS-01/status-history.json"));
        JsonNode fail = history.at("/intervals/0");
        assertThat(fail.path("status").asText()).isEqualTo("FAIL");
        assertThat(fail.path("failingResourceCount").asInt()).isEqualTo(COUNT);
        assertThat(fail.path("failingResourcesComplete").asBoolean()).isTrue();
        assertThat(fail.path("failingResources")).hasSize(COUNT);
        assertThat(fail.at("/failingResources/3439/resourceKey").asText()).isEqualTo("aws:111122223333:s3:acme-03439");
        assertThat(history.at("/summary/exceptions/0/failingResourceCount").asInt()).isEqualTo(COUNT);
        assertThat(new String(entries.get("summary.html"), StandardCharsets.UTF_8)).contains("acme-00002: bucket acme-00002 has no default encryption configured<br>… and 3437 more");
        assertThat(BundleVerifier.trusting(signer.publicJwk()).verify(zip).verified()).isTrue();
    }

    @Test
    void aStatusTheEvaluatorKeepsNoListForIsWrittenWithItsListedOnesAndSaysSo() throws Exception {
        Catalogue catalogue = Catalogue.loadDefault();
        Path zip = write(new PeriodBundle(catalogue, CommitmentRegistry.loadDefault(catalogue),
                BundleSigner.generate(), "test"), evaluatorServing(-1, new ArrayList<>()));
        JsonNode fail = JSON.readTree(ZipFiles.read(zip).get("controls/LS-01/status-history.json")).at("/intervals/0");
        assertThat(fail.path("failingResourceCount").asInt()).isEqualTo(COUNT);
        assertThat(fail.path("failingResourcesComplete").asBoolean()).isFalse();
        assertThat(fail.path("failingResources")).hasSize(3);
    }

    @Test
    void anEvaluatorListingFewerThanTheStatusCountedStopsTheBundle() throws Exception {
        Catalogue catalogue = Catalogue.loadDefault();
        PeriodBundle writer = new PeriodBundle(catalogue, CommitmentRegistry.loadDefault(catalogue),
                BundleSigner.generate(), "test");
        assertThatThrownBy(() -> write(writer, evaluatorServing(COUNT - 1, new ArrayList<>())))
                .hasStackTraceContaining("lists 3439 failing resources of the status of LS-01 evaluated at " + FAILED
                        + ", which counted 3440");
    }
}
