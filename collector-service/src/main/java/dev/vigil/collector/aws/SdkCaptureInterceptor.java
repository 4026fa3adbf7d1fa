package dev.vigil.collector.aws;

import dev.vigil.collector.spi.RawResponses;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each AWS response body (redacted, in the evidence store) under "[scope:]Operation[:resource]", and hands
 * the SDK an identical stream to unmarshal. The scope is the client's region for regional collectors (none for
 * S3); the resource is the request's bucket, trail, detector, key or backup vault when it names one. A paginated
 * call keeps its latest page under one key, so a collector cites a page right after reading it. It also counts
 * every answer into the run's tally ({@code apiCalls}), as {@code CallCounter} does for OkHttp: the SDK's calls bypass OkHttp.
 */
public final class SdkCaptureInterceptor implements ExecutionInterceptor {
    /** Request fields that name the one resource a call reads. */
    private static final List<String> RESOURCE_FIELDS = List.of("Bucket", "Name", "DetectorId", "KeyId",
            "BackupVaultName");

    private final RawResponses raw;
    private final String scope;

    public SdkCaptureInterceptor(RawResponses raw) {
        this(raw, null);
    }

    public SdkCaptureInterceptor(RawResponses raw, String scope) {
        this.raw = raw;
        this.scope = scope;
    }

    public static String key(String operation, String resource) {
        return key(null, operation, resource);
    }

    public static String key(String scope, String operation, String resource) {
        String scoped = scope == null ? operation : scope + ":" + operation;
        return resource == null ? scoped : scoped + ":" + resource;
    }

    /** Once per HTTP answer, each retry attempt included (the SDK runs this stage inside its retries). */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        SdkHttpResponse response = context.httpResponse();
        raw.calls().record(response.statusCode(), header -> response.firstMatchingHeader(header).orElse(null));
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        byte[] bytes = readAll(body.get());
        raw.keep(key(scope, context.request(), attributes), bytes,
                context.httpResponse().firstMatchingHeader("ETag").orElse(null), context.httpResponse().statusCode());
        return Optional.of(new ByteArrayInputStream(bytes));
    }

    /** The key the answer to {@code request} is kept under: its operation, and the resource it names if any. */
    static String key(String scope, SdkRequest request, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String resource = RESOURCE_FIELDS.stream()
                .map(f -> request.getValueForField(f, String.class).orElse(null))
                .filter(v -> v != null).findFirst().orElse(null);
        return key(scope, operation, resource);
    }

    /** The whole body of an answer (the SDK hands it over once; whoever reads it passes on a copy). */
    static byte[] readAll(InputStream body) {
        try (InputStream in = body) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AWS response body", e);
        }
    }
}
