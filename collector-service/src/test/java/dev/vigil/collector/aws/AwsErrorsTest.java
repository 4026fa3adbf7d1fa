package dev.vigil.collector.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which AWS answers mean "the credential lacks a permission" (and so name one), and which do not. */
class AwsErrorsTest {

    private static AwsServiceException answer(int status, String code) {
        AwsServiceException.Builder b = AwsServiceException.builder().statusCode(status);
        if (code != null) {
            b.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build());
        }
        return b.build();
    }

    @Test
    void deniedIsA401OrA403ThatIsNotThrottlingOrAnAccessDeniedCode() {
        assertThat(AwsErrors.denied(answer(403, "AccessDenied"))).isTrue();
        assertThat(AwsErrors.denied(answer(401, null))).isTrue();
        assertThat(AwsErrors.denied(answer(400, "UnauthorizedOperation"))).isTrue();
        assertThat(AwsErrors.denied(answer(400, "AccessDeniedException"))).isTrue();
        // Throttling is retried by the SDK and never names a permission, even as a 403.
        assertThat(AwsErrors.denied(answer(403, "SlowDown"))).isFalse();
        assertThat(AwsErrors.denied(answer(400, "Throttling"))).isFalse();
        assertThat(AwsErrors.denied(answer(503, "RequestLimitExceeded"))).isFalse();
        // An answer without an AWS error body (a proxy's 404) is a failure, not a denial.
        assertThat(AwsErrors.denied(answer(404, null))).isFalse();
        assertThat(AwsErrors.describe(answer(404, null))).isEqualTo("HTTP 404 null");
        // Nor is a 404 that names something missing; only an access-denied code makes a 404 a denial.
        assertThat(AwsErrors.denied(answer(404, "NoSuchEntity"))).isFalse();
        assertThat(AwsErrors.denied(answer(404, "NoSuchBucketPolicy"))).isFalse();
        assertThat(AwsErrors.denied(answer(404, "AccessDenied"))).isTrue();
        assertThat(AwsErrors.denied(SdkClientException.create("connection refused"))).isFalse();
        assertThat(AwsErrors.describe(SdkClientException.create("connection refused")))
                .isEqualTo("SdkClientException: connection refused");
    }
}
