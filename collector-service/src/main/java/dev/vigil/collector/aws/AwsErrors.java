package dev.vigil.collector.aws;

import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.common.evidence.RunFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How an AWS call failed, in the words a run failure needs: whether the credential lacks a permission (403 or
 * 401 that is not throttling, or an access-denied error code), and a short description of the answer.
 */
public final class AwsErrors {
    /** Codes AWS uses for throttling; the SDK retries them with backoff, and they never mean "denied". */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestLimitExceeded", "TooManyRequestsException", "SlowDown", "RequestThrottled",
            "RequestThrottledException");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "AllAccessDisabled",
            "UnauthorizedOperation", "UnauthorizedAccess", "AuthFailure", "InvalidAccessKeyId", "InvalidClientTokenId",
            "UnrecognizedClientException", "SignatureDoesNotMatch", "OptInRequired");

    private AwsErrors() {
    }

    public static boolean denied(SdkException e) {
        if (!(e instanceof AwsServiceException aws)) {
            return false;
        }
        String code = errorCode(aws);
        if (code != null && THROTTLING.contains(code)) {
            return false;
        }
        return aws.statusCode() == 401 || aws.statusCode() == 403 || code != null && DENIED.contains(code);
    }

    public static String errorCode(SdkException e) {
        return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() : null;
    }

    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            return "HTTP " + aws.statusCode() + " " + errorCode(aws);
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Makes one call; when it fails, reports what could not be read (naming {@code permission} if the credential
     * was denied) and returns empty, so the caller publishes no evidence for it.
     */
    public static <T> Optional<T> read(CollectionContext context, String resourceType, String resourceKey,
                                       String what, String permission, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (SdkException e) {
            context.failure(failure(resourceType, resourceKey, what, permission, e));
            return Optional.empty();
        }
    }

    public static RunFailure failure(String resourceType, String resourceKey, String what, String permission,
                                     SdkException e) {
        return new RunFailure(resourceType, resourceKey, "cannot " + what + ": " + describe(e),
                denied(e) ? permission : null);
    }
}
