package dev.vigil.collector.aws;

import dev.vigil.collector.spi.RawResponses;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Keeps each S3 response body (redacted, in the evidence store) under "Operation" or "Operation:bucket",
 * and hands the SDK an identical stream to unmarshal.
 */
public final class SdkCaptureInterceptor implements ExecutionInterceptor {
    private final RawResponses raw;

    public SdkCaptureInterceptor(RawResponses raw) {
        this.raw = raw;
    }

    public static String key(String operation, String bucket) {
        return bucket == null ? operation : operation + ":" + bucket;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        byte[] bytes;
        try (InputStream in = body.get()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the S3 response body", e);
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String bucket = context.request().getValueForField("Bucket", String.class).orElse(null);
        raw.keep(key(operation, bucket), bytes, context.httpResponse().firstMatchingHeader("ETag").orElse(null),
                context.httpResponse().statusCode());
        return Optional.of(new ByteArrayInputStream(bytes));
    }
}
