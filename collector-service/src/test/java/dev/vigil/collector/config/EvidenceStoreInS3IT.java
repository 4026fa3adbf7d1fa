package dev.vigil.collector.config;

import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.common.store.S3EvidenceStore;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * collector-service starts with the S3 evidence store configured as docs/configuration.md says (every
 * {@code vigil.evidence-store.s3.*} key), and opens it: no configuration mapping of the service refuses those keys.
 * The store itself is tested against an S3-compatible server in common ({@code S3EvidenceStoreIT}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(EvidenceStoreInS3IT.InS3.class)
class EvidenceStoreInS3IT {
    public static class InS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.evidence-store.kind", "s3",
                    "vigil.evidence-store.s3.bucket", "acme-vigil-evidence",
                    "vigil.evidence-store.s3.prefix", "evidence/",
                    "vigil.evidence-store.s3.region", "eu-west-1",
                    "vigil.evidence-store.s3.server-side-encryption", "aws:kms",
                    "vigil.evidence-store.s3.kms-key-id", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "vigil.evidence-store.s3.endpoint-override", "http://127.0.0.1:1",
                    "vigil.evidence-store.s3.path-style", "true");
        }
    }

    @Inject
    EvidenceStore store;

    @Test
    void theServiceOpensTheS3StoreItIsConfiguredWith() {
        assertThat(store).isInstanceOf(S3EvidenceStore.class);
        assertThat(store.location()).isEqualTo("s3://acme-vigil-evidence/evidence/");
    }
}
