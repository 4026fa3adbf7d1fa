package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.Facts;
import dev.vigil.collector.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded ACM JSON responses, unmarshalled by the real SDK, to one item per certificate. */
class CertificateScanTest {
    private static final String PREFIX = "aws:111122223333:acm:eu-west-1:certificate/";

    @TempDir
    Path store;

    @Test
    void everyPageEveryCertificateWithItsExpiry() {
        FixtureHttpClient http = new FixtureHttpClient(getClass())
                .answer("ListCertificates@eu-west-1", 200, "certificates-page-1.json")
                .answer("ListCertificates@eu-west-1#page-2", 200, "certificates-page-2.json");
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        String imported = "0b000000-0000-4000-8000-00000000000b";
        assertThat(context.byKey()).containsOnlyKeys(PREFIX + imported,
                PREFIX + "0a000000-0000-4000-8000-00000000000a", PREFIX + "0c000000-0000-4000-8000-00000000000c");
        RecordingContext.Item item = context.byKey().get(PREFIX + imported);
        assertThat(item.resourceType()).isEqualTo("aws.acm.certificate");
        assertThat(item.facts()).isEqualTo(Facts.of("arn", "arn:aws:acm:eu-west-1:111122223333:certificate/" + imported,
                "domainName", "api.example.test", "region", "eu-west-1", "status", "ISSUED", "type", "IMPORTED",
                "inUse", true, "renewalEligibility", "INELIGIBLE", "notAfter", "2026-12-02T12:00:00Z",
                "observedAt", "2026-11-22T12:00:00Z"));
        assertThat(item.provenance().operation()).isEqualTo("acm:ListCertificates");
        assertThat(item.provenance().parameters()).isEqualTo(Map.of("Region", "eu-west-1"));
        // a certificate still waiting for validation has no expiry yet
        assertThat(context.byKey().get(PREFIX + "0c000000-0000-4000-8000-00000000000c").facts())
                .containsEntry("status", "PENDING_VALIDATION").containsEntry("notAfter", null)
                .containsEntry("inUse", false);
    }

    @Test
    void deniedListingIsAFailureNamingTheAction() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListCertificates@eu-west-1", 400, "error-access-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.acm.certificate");
            assertThat(f.missingPermission()).isEqualTo("acm:ListCertificates");
            assertThat(f.reason()).isEqualTo("cannot list ACM certificates in eu-west-1: HTTP 400 AccessDeniedException");
        });
    }

    @Test
    void aRegionWithoutCertificatesPublishesNothing() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListCertificates@eu-west-1", 200, "certificates-none.json"));
        assertThat(context.failures).isEmpty();
        assertThat(context.evidence).isEmpty();
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(LoadBalancersCollector.class),
                "eu-west-1", () -> new FixtureHttpClient(getClass())
                        .answer("ListCertificates@eu-west-1", 200, "certificates-page-1.json")
                        .answer("ListCertificates@eu-west-1#page-2", 200, "certificates-page-2.json"), this::scan);
        assertThat(kept.kinds).containsExactly("ACM certificates", "ACM certificates");
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(LoadBalancersCollector.class), "eu-west-1",
                () -> new FixtureHttpClient(getClass())
                        .answer("ListCertificates@eu-west-1", 400, "error-access-denied.json"), this::scan);
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (AcmClient acm = AwsFixtureClients.client(AcmClient.builder(), http, Region.EU_WEST_1, context, kept)) {
            new CertificateScan(acm, "111122223333", "eu-west-1", Instant.parse("2026-11-22T12:00:00Z")).run(context);
        }
        return context;
    }
}
