package dev.vigil.collector.aws.kms;

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
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded KMS JSON responses, unmarshalled by the real SDK, to one item per rotatable customer key. */
class KmsScanTest {
    private static final String A = "0a000000-0000-4000-8000-00000000000a";
    private static final String B = "0b000000-0000-4000-8000-00000000000b";
    private static final String C = "0c000000-0000-4000-8000-00000000000c";
    private static final String D = "0d000000-0000-4000-8000-00000000000d";
    private static final String E = "0e000000-0000-4000-8000-00000000000e";
    private static final String PREFIX = "aws:111122223333:kms:eu-west-1:key/";

    @TempDir
    Path store;

    private static FixtureHttpClient keys() {
        return new FixtureHttpClient(KmsScanTest.class)
                .answer("ListKeys@eu-west-1", 200, "list-keys-page-1.json")
                .answer("ListKeys@eu-west-1#page-2-marker", 200, "list-keys-page-2.json")
                .answer("DescribeKey@eu-west-1/" + A, 200, "describe-key-a.json")
                .answer("DescribeKey@eu-west-1/" + B, 200, "describe-key-b.json")
                .answer("DescribeKey@eu-west-1/" + C, 200, "describe-key-c.json")
                .answer("DescribeKey@eu-west-1/" + D, 200, "describe-key-d.json")
                .answer("DescribeKey@eu-west-1/" + E, 200, "describe-key-e.json");
    }

    @Test
    void everyPageIsReadAndOnlyEnabledSymmetricCustomerKeysAreKept() {
        FixtureHttpClient http = keys()
                .answer("GetKeyRotationStatus@eu-west-1/" + A, 200, "rotation-on.json")
                .answer("GetKeyRotationStatus@eu-west-1/" + B, 200, "rotation-off.json");
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        // C is AWS-managed, D asymmetric (RSA_2048), E pending deletion: out of scope, their rotation never asked
        assertThat(context.byKey()).containsOnlyKeys(PREFIX + A, PREFIX + B);
        assertThat(http.requested).noneMatch(r -> r.startsWith("GetKeyRotationStatus") && !r.endsWith(A)
                && !r.endsWith(B));
        RecordingContext.Item a = context.byKey().get(PREFIX + A);
        assertThat(a.resourceType()).isEqualTo("aws.kms.key");
        assertThat(a.facts()).isEqualTo(Facts.of("keyId", A, "arn", "arn:aws:kms:eu-west-1:111122223333:key/" + A,
                "region", "eu-west-1", "description", "orders database key", "rotationEnabled", true));
        assertThat(a.provenance().operation()).isEqualTo("kms:GetKeyRotationStatus");
        assertThat(a.provenance().parameters()).isEqualTo(Map.of("Region", "eu-west-1", "KeyId", A));
        assertThat(a.provenance().responseSha256()).isEqualTo(Hashing.sha256Hex(
                Redactor.redactBody(Fixtures.bytes(getClass(), "rotation-on.json"))));
        assertThat(a.provenance().supporting()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("kms:DescribeKey");
            assertThat(c.responseSha256()).isEqualTo(Hashing.sha256Hex(
                    Redactor.redactBody(Fixtures.bytes(getClass(), "describe-key-a.json"))));
        });
        // an empty description is no description
        assertThat(context.byKey().get(PREFIX + B).facts()).containsEntry("description", null)
                .containsEntry("rotationEnabled", false);
    }

    @Test
    void aRegionWithoutKeysPublishesNothing() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListKeys@eu-west-1", 200, "list-keys-none.json"));

        assertThat(context.failures).isEmpty();
        assertThat(context.evidence).isEmpty();
    }

    @Test
    void deniedListingIsAFailureNamingTheAction() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListKeys@eu-west-1", 400, "error-access-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.kms.key");
            assertThat(f.resourceKey()).isEqualTo("aws:111122223333:kms:eu-west-1");
            assertThat(f.missingPermission()).isEqualTo("kms:ListKeys");
            assertThat(f.reason()).isEqualTo("cannot list KMS keys in eu-west-1: HTTP 400 AccessDeniedException");
        });
    }

    @Test
    void aKeyWhoseRotationIsDeniedIsAFailureAndTheOthersGoOn() {
        RecordingContext context = scan(keys()
                .answer("GetKeyRotationStatus@eu-west-1/" + A, 200, "rotation-on.json")
                .answer("GetKeyRotationStatus@eu-west-1/" + B, 400, "error-rotation-denied.json"));

        assertThat(context.byKey()).containsOnlyKeys(PREFIX + A);
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo(PREFIX + B);
            assertThat(f.missingPermission()).isEqualTo("kms:GetKeyRotationStatus");
            assertThat(f.reason()).isEqualTo("cannot read the rotation of KMS key " + B
                    + " in eu-west-1: HTTP 400 AccessDeniedException");
        });
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(KmsCollector.class), "eu-west-1",
                () -> keys().answer("GetKeyRotationStatus@eu-west-1/" + A, 200, "rotation-on.json")
                        .answer("GetKeyRotationStatus@eu-west-1/" + B, 200, "rotation-off.json"), this::scan);
        // every key described, only the two in scope asked for their rotation
        assertThat(kept.kinds).filteredOn("key"::equals).hasSize(5);
        assertThat(kept.kinds).filteredOn("key rotation"::equals).hasSize(2);
        assertThat(kept.kinds).filteredOn("keys"::equals).hasSize(2);
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(KmsCollector.class), "eu-west-1",
                () -> keys().answer("GetKeyRotationStatus@eu-west-1/" + A, 200, "rotation-on.json")
                        .answer("GetKeyRotationStatus@eu-west-1/" + B, 400, "error-rotation-denied.json"), this::scan);
        KeptAnswers.assertSameFacts(AllowListDefinitions.of(KmsCollector.class), "eu-west-1",
                () -> new FixtureHttpClient(getClass()).answer("ListKeys@eu-west-1", 400, "error-access-denied.json"),
                this::scan);
    }

    @Test
    void aKeyTargetReadsThatKeyAloneWithTheFactsAndProvenanceOfAFullRun() {
        RecordingContext full = scan(keys().answer("GetKeyRotationStatus@eu-west-1/" + A, 200, "rotation-on.json")
                .answer("GetKeyRotationStatus@eu-west-1/" + B, 200, "rotation-off.json"));
        FixtureHttpClient http = keys().answer("GetKeyRotationStatus@eu-west-1/" + A, 200, "rotation-on.json");
        RecordingContext targeted = key(http, A);

        assertThat(targeted.failures).isEmpty();
        assertThat(targeted.byKey()).containsOnlyKeys(PREFIX + A);
        assertThat(targeted.byKey().get(PREFIX + A).facts()).isEqualTo(full.byKey().get(PREFIX + A).facts());
        assertThat(targeted.byKey().get(PREFIX + A).provenance()).isEqualTo(full.byKey().get(PREFIX + A).provenance());
        assertThat(http.requested).containsExactly("DescribeKey@eu-west-1/" + A, "GetKeyRotationStatus@eu-west-1/" + A);
    }

    @Test
    void aKeyTargetOutsideWhatAwsKmsReadsPublishesNothing() {
        // E is pending deletion: a full run publishes nothing for it either
        RecordingContext targeted = key(keys(), E);
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).isEmpty();
    }

    @Test
    void aKeyKmsNoLongerKnowsPublishesNothingAndIsNoFailure() {
        String gone = "0f000000-0000-4000-8000-00000000000f";
        RecordingContext targeted = key(new FixtureHttpClient(getClass())
                .answer("DescribeKey@eu-west-1/" + gone, 400, "error-not-found.json"), gone);
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).isEmpty();
    }

    @Test
    void aKeyTargetWhoseRotationIsDeniedIsAFailureNamingIt() {
        RecordingContext targeted = key(keys().answer("GetKeyRotationStatus@eu-west-1/" + B, 400,
                "error-rotation-denied.json"), B);
        assertThat(targeted.byKey()).isEmpty();
        assertThat(targeted.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo(PREFIX + B);
            assertThat(f.missingPermission()).isEqualTo("kms:GetKeyRotationStatus");
        });
    }

    private RecordingContext key(FixtureHttpClient http, String keyId) {
        RecordingContext context = new RecordingContext(store);
        try (KmsClient kms = AwsFixtureClients.client(KmsClient.builder(), http, Region.EU_WEST_1, context, null)) {
            new KmsScan(kms, "111122223333", "eu-west-1").key(context, keyId);
        }
        return context;
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (KmsClient kms = AwsFixtureClients.client(KmsClient.builder(), http, Region.EU_WEST_1, context, kept)) {
            new KmsScan(kms, "111122223333", "eu-west-1").run(context);
        }
        return context;
    }
}
