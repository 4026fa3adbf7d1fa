package dev.vigil.collector.aws;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.http.ProviderHttp;
import dev.vigil.collector.http.RetryPolicy;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.common.evidence.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Builds the SDK clients of the AWS collectors the same way: the URL-connection HTTP client with the service's
 * timeouts, the SDK's standard retry strategy (throttling, 5xx and I/O errors, with backoff) with the configured
 * number of attempts, the capture of every raw response into the run's evidence store, and the account's
 * credentials and endpoint ({@code vigil.aws.*}).
 */
@ApplicationScoped
public class AwsClients {
    private final VigilConfig.AwsAccount account;
    private final VigilConfig.Http httpConfig;
    private final RetryPolicy retry;

    public AwsClients(VigilConfig.AwsAccount account, VigilConfig config, ProviderHttp http) {
        this.account = account;
        this.httpConfig = config.collection().http();
        this.retry = http.retryPolicy();
    }

    public String accountId() {
        return account.accountId();
    }

    /** The account's home region ({@code vigil.aws.region}), where account-level services are read. */
    public String homeRegion() {
        return account.region();
    }

    public SourceRef source() {
        return new SourceRef("aws", account.accountId());
    }

    /**
     * A client of one service in one region, whose raw responses are kept under keys scoped by {@code region}.
     *
     * @param service the collector's settings; its endpoint override wins over the account's
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            B builder, VigilConfig.AwsService service, Region region, CollectionContext context) {
        configure(builder, httpConfig, retry, credentials(account.accessKeyId(), account.secretAccessKey()),
                region, new SdkCaptureInterceptor(context.raw(), region.id()));
        service.endpointOverride().or(account::endpointOverride).filter(e -> !e.isBlank())
                .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder.build();
    }

    /** The regions a regional collector reads ({@code vigil.aws.regions}); empty when they could not be listed. */
    public Optional<List<String>> regions(VigilConfig.AwsService service, CollectionContext context,
                                          List<String> resourceTypes) {
        return AwsRegions.resolve(account.regions(), account.region(),
                () -> client(Ec2Client.builder(), service, Region.of(account.region()), context), context, resourceTypes);
    }

    /** What every AWS SDK client of Vigil shares: HTTP client, retries, response capture, region, credentials. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, VigilConfig.Http http, RetryPolicy retry, AwsCredentialsProvider credentials, Region region,
            SdkCaptureInterceptor capture) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(http.connectTimeout())
                        .socketTimeout(http.readTimeout()))
                .region(region)
                .credentialsProvider(credentials)
                // The SDK's standard strategy retries throttling, 5xx and I/O errors with backoff.
                .overrideConfiguration(o -> o
                        .addExecutionInterceptor(capture)
                        .retryStrategy(r -> r.maxAttempts(retry.maxAttempts())));
        return builder;
    }

    /** Static credentials when both parts are set, else the SDK's default chain (env, profile, role). */
    public static AwsCredentialsProvider credentials(Optional<String> accessKeyId, Optional<String> secretAccessKey) {
        if (accessKeyId.filter(k -> !k.isBlank()).isPresent() && secretAccessKey.filter(k -> !k.isBlank()).isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
