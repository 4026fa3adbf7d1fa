package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.evidence.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded GuardDuty REST-JSON responses, unmarshalled by the real SDK, to facts and failures. */
class GuardDutyScanTest {
    private static final String KEY = "aws:111122223333:guardduty:eu-west-1";

    @TempDir
    Path store;

    @Test
    void theRegionsDetectorWithItsStatus() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("/detector", 200, "list-detectors.json")
                .answer("/detector/4ab2c6f0fixture0detector0000001", 200, "get-detector-suspended.json"));

        assertThat(context.failures).isEmpty();
        RecordingContext.Item region = context.byKey().get(KEY);
        assertThat(region.resourceType()).isEqualTo("aws.guardduty.region");
        assertThat(region.facts()).isEqualTo(Facts.of("region", "eu-west-1",
                "detectorId", "4ab2c6f0fixture0detector0000001", "status", "DISABLED",
                "findingPublishingFrequency", "SIX_HOURS"));
        assertThat(region.provenance().operation()).isEqualTo("guardduty:GetDetector");
        assertThat(region.provenance().parameters())
                .isEqualTo(Map.of("Region", "eu-west-1", "DetectorId", "4ab2c6f0fixture0detector0000001"));
        assertThat(region.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "get-detector-suspended.json"))));
        // which detector the region has is read from the listing, cited beside it
        assertThat(region.provenance().supporting()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("guardduty:ListDetectors");
            assertThat(c.parameters()).isEqualTo(Map.of("Region", "eu-west-1"));
            assertThat(c.responseSha256()).isEqualTo(Hashing.sha256Hex(
                    Redactor.redactBody(Fixtures.bytes(getClass(), "list-detectors.json"))));
        });
    }

    @Test
    void noDetectorIsAFactNotAFailure() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("/detector", 200, "list-detectors-none.json"));

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey().get(KEY).facts()).isEqualTo(Facts.of("region", "eu-west-1", "detectorId", null,
                "status", null, "findingPublishingFrequency", null));
        assertThat(context.byKey().get(KEY).provenance().operation()).isEqualTo("guardduty:ListDetectors");
    }

    @Test
    void deniedListingIsAFailureNamingTheAction() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("/detector", 403, "error-access-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.guardduty.region");
            assertThat(f.resourceKey()).isEqualTo(KEY);
            assertThat(f.missingPermission()).isEqualTo("guardduty:ListDetectors");
            assertThat(f.reason()).startsWith("cannot list GuardDuty detectors in eu-west-1: HTTP 403");
        });
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(GuardDutyCollector.class), "eu-west-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("/detector", 200, "list-detectors.json")
                        .answer("/detector/4ab2c6f0fixture0detector0000001", 200, "get-detector-suspended.json"),
                this::scan);
        assertThat(kept.kinds).containsExactly("detectors", "detector");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(GuardDutyCollector.class), "eu-west-1",
                () -> new FixtureHttpClient(getClass()).answer("/detector", 403, "error-access-denied.json"),
                this::scan);
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (GuardDutyClient guardDuty = AwsFixtureClients.client(GuardDutyClient.builder(), http, Region.EU_WEST_1,
                context, kept)) {
            new GuardDutyScan(guardDuty, "111122223333", "eu-west-1").run(context);
        }
        return context;
    }
}
