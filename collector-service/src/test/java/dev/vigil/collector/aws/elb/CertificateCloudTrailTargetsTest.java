package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.CloudTrailFixtures;
import dev.vigil.collector.spi.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** EventBridge events of CloudTrail's ACM calls (src/test/resources/CertificateCloudTrailTargetsTest/). */
class CertificateCloudTrailTargetsTest {
    @ParameterizedTest
    @CsvSource({
            "RequestCertificate.json, 111122223333/eu-west-1",
            "ImportCertificate.json, 111122223333/us-east-1",
            "RenewCertificate.json, 444455556666/eu-west-1",
    })
    void eachCertificateEventReadsTheCertificatesOfItsRegion(String fixture, String region) throws Exception {
        assertThat(CloudTrailFixtures.map(getClass(), fixture).targets())
                .containsExactly(new Target("aws-load-balancers", "certificates", region));
    }

    @Test
    void everyEventNameHasARecordedEventThatItReads() throws Exception {
        CloudTrailFixtures.everyEventNameIsRecordedAndRead(new CertificateCloudTrailTargets(), getClass(),
                LoadBalancersCollector.NAME);
    }

    @Test
    void aDeletedCertificateIsIgnored() throws Exception {
        CloudTrailFixtures.ignored(getClass(), "DeleteCertificate.json", "cannot retire it");
    }
}
