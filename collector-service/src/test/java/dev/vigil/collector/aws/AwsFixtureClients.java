package dev.vigil.collector.aws;

import dev.vigil.collector.testing.RecordingContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/** SDK clients answered by a {@link FixtureHttpClient}, capturing raw responses as the collectors do. */
public final class AwsFixtureClients {
    private AwsFixtureClients() {
    }

    /** A client of {@code region} without retries, whose raw responses are kept under the region's id. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, FixtureHttpClient http, Region region, RecordingContext context) {
        return client(builder, http, region, context, null);
    }

    /**
     * The same, the SDK reading each answer as the evidence store keeps it under a collector's allow-lists
     * ({@link KeptAnswers}); {@code kept} null: as sent.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, FixtureHttpClient http, Region region, RecordingContext context, KeptAnswers kept) {
        return withoutOverride(builder, http, region, context, kept)
                .endpointOverride(URI.create("https://aws.fixture.test")).build();
    }

    /**
     * The same, on AWS's own endpoint for the service and region (the production default: no override), so that a
     * test can see which host the SDK resolves ({@link FixtureHttpClient#hosts}).
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientOnAwsEndpoint(
            B builder, FixtureHttpClient http, Region region, RecordingContext context) {
        return withoutOverride(builder, http, region, context).build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B withoutOverride(
            B builder, FixtureHttpClient http, Region region, RecordingContext context) {
        return withoutOverride(builder, http, region, context, null);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B withoutOverride(
            B builder, FixtureHttpClient http, Region region, RecordingContext context, KeptAnswers kept) {
        return builder.httpClient(http)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fixture", "fixture")))
                .overrideConfiguration(o -> {
                    o.addExecutionInterceptor(new SdkCaptureInterceptor(context.raw(), region.id()))
                            .retryStrategy(r -> r.maxAttempts(1));
                    if (kept != null) {
                        o.addExecutionInterceptor(kept);
                    }
                });
    }
}
