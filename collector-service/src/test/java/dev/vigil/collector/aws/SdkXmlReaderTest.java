package dev.vigil.collector.aws;

import dev.vigil.collector.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import javax.xml.stream.XMLInputFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The StAX implementation the AWS SDK unmarshals answers with: Woodstox, found by the SDK's own lookup (the JDK's
 * costs as much to set up per answer as the parse itself), with what the SDK turns off still off: an answer's DTD
 * neither reads a file nor expands entities. (The hostile answers are not named {@code .xml}: the walks over every
 * recorded answer, AllowListFixturesTest, are about real ones.)
 */
class SdkXmlReaderTest {
    @TempDir
    Path store;

    @Test
    void theSdksLookupFindsWoodstox() {
        assertThat(XMLInputFactory.newInstance().getClass().getName()).isEqualTo("com.ctc.wstx.stax.WstxInputFactory");
    }

    @Test
    void anAnswersExternalEntityIsNotRead() {
        String status = versioning("versioning-external-entity.hostile");

        assertThat(status).doesNotContain("root:");
    }

    @Test
    void anAnswersDeclaredEntitiesAreNotExpanded() {
        String status = versioning("versioning-entity-expansion.hostile");

        assertThat(status).doesNotContain("Enabled");
    }

    /** The bucket's versioning status as the SDK read it, or the text of the SDK's refusal to read the answer. */
    private String versioning(String fixture) {
        FixtureHttpClient http = new FixtureHttpClient(getClass()).answer("/acme-backups?versioning", 200, fixture);
        try (S3Client s3 = AwsFixtureClients.client(S3Client.builder().forcePathStyle(true), http, Region.EU_WEST_1,
                new RecordingContext(store))) {
            Throwable refused = catchThrowable(() -> s3.getBucketVersioning(r -> r.bucket("acme-backups")));
            if (refused != null) {
                return String.valueOf(refused);
            }
            return String.valueOf(s3.getBucketVersioning(r -> r.bucket("acme-backups")).statusAsString());
        }
    }
}
