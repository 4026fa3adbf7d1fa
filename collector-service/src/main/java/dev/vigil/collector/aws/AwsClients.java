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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the SDK clients of the AWS collectors the same way: the URL-connection HTTP client with the service's
 * timeouts, the SDK's standard retry strategy (throttling, 5xx and I/O errors, with backoff) with the configured
 * number of attempts, the capture of every raw response into the run's evidence store, and the account's
 * credentials and endpoint ({@code vigil.aws.*}). A collection reads the own account and every account of
 * {@code vigil.aws.accounts} or the organisation ({@link #session}).
 */
@ApplicationScoped
public class AwsClients {
    /**
     * Idle connections the JDK keeps per host for the URL-connection client: 5 by default, fewer than the S3 reads
     * running at once (8 per run, several runs at a time), so answers beyond the fifth closed their connection and
     * the next call opened a new one. Set before any connection is returned to the JDK's keep-alive cache, which
     * reads it once; {@code -Dhttp.maxConnections} still decides when given.
     */
    static final String MAX_IDLE_CONNECTIONS = "32";

    static {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", MAX_IDLE_CONNECTIONS);
        }
    }

    private final VigilConfig.AwsAccount account;
    private final VigilConfig.Http httpConfig;
    private final RetryPolicy retry;

    public AwsClients(VigilConfig.AwsAccount account, VigilConfig config, ProviderHttp http) {
        this.account = account;
        this.httpConfig = config.collection().http();
        this.retry = http.retryPolicy();
    }

    /** The account's home region ({@code vigil.aws.region}), where account-level services are read. */
    public String homeRegion() {
        return account.region();
    }

    public SourceRef source() {
        return new SourceRef("aws", account.accountId());
    }

    /** One account a collection reads: its id and the credentials that read it. */
    public record Reader(String accountId, AwsCredentialsProvider credentials) {
    }

    /** The accounts of one collection; closing it releases the assumed roles' STS clients. */
    public static final class Session implements AutoCloseable {
        private final List<Reader> readers;
        private final List<SdkAutoCloseable> resources;

        Session(List<Reader> readers, List<SdkAutoCloseable> resources) {
            this.readers = List.copyOf(readers);
            this.resources = resources;
        }

        public List<Reader> readers() {
            return readers;
        }

        @Override
        public void close() {
            resources.forEach(SdkAutoCloseable::close);
        }
    }

    /**
     * The accounts to read: the own account with its own credentials, then each configured role and (when
     * enabled) each active member account of the organisation, through STS AssumeRole. The SDK's provider renews
     * the session before it expires. A role that cannot be assumed is reported for each of {@code resourceTypes}
     * (naming the account and {@code sts:AssumeRole}) and the other accounts are still read.
     */
    public Session session(CollectionContext context, List<String> resourceTypes) {
        AwsCredentialsProvider own = credentials(account.accessKeyId(), account.secretAccessKey());
        List<AwsAccounts.Role> roles = account.accounts().orElse(List.of()).stream()
                .map(r -> new AwsAccounts.Role(r.roleArn(), r.externalId().orElse(null))).toList();
        boolean walk = account.organizations().enabled();
        if (roles.isEmpty() && !walk) {
            return new Session(List.of(new Reader(account.accountId(), own)), new ArrayList<>());
        }
        List<AwsAccounts.Member> members = walk ? members(own, context, resourceTypes) : List.of();
        List<AwsAccounts.Target> targets = AwsAccounts.resolve(account.accountId(), roles, members,
                account.organizations().roleName(), account.organizations().externalId().orElse(null), "aws");
        StsClient sts = unrecorded(StsClient.builder(), own);
        List<SdkAutoCloseable> resources = new ArrayList<>(List.of(sts));
        List<Reader> readers = new ArrayList<>();
        for (AwsAccounts.Target target : targets) {
            if (target.own()) {
                readers.add(new Reader(target.accountId(), own));
                continue;
            }
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(target.roleArn()).roleSessionName("vigil-collector")
                            .externalId(target.externalId()))
                    .build();
            try {
                // Assume now, so a refused role is reported once here rather than as every call failing.
                assumed.resolveCredentials();
                readers.add(new Reader(target.accountId(), assumed));
                resources.add(assumed);
            } catch (SdkException e) {
                assumed.close();
                SdkException cause = e.getCause() instanceof SdkException inner ? inner : e;
                resourceTypes.forEach(type -> context.failure(AwsErrors.failure(type, "aws:" + target.accountId(),
                        "assume role " + target.roleArn() + " to read account " + target.accountId(),
                        AwsAccounts.ASSUME_ROLE + " on " + target.roleArn(), cause)));
            }
        }
        return new Session(readers, resources);
    }

    /** The own account with its own credentials: for what is managed from one account (IAM Identity Center). */
    public Reader ownAccount() {
        return new Reader(account.accountId(), credentials(account.accessKeyId(), account.secretAccessKey()));
    }

    /** The organisation's accounts; empty (and reported) when they cannot be listed. */
    private List<AwsAccounts.Member> members(AwsCredentialsProvider own, CollectionContext context,
                                             List<String> resourceTypes) {
        try (OrganizationsClient organizations = unrecorded(OrganizationsClient.builder(), own)) {
            return organizations.listAccountsPaginator(r -> { }).stream().flatMap(page -> page.accounts().stream())
                    .map(a -> new AwsAccounts.Member(a.id(), memberState(a))).toList();
        } catch (SdkException e) {
            resourceTypes.forEach(type -> context.failure(AwsErrors.failure(type, "aws:" + account.accountId(),
                    "list the organisation's accounts", AwsAccounts.LIST_ACCOUNTS, e)));
            return List.of();
        }
    }

    private static String memberState(Account member) {
        return member.stateAsString() != null ? member.stateAsString() : member.statusAsString();
    }

    /**
     * STS and Organizations clients of the home region: their answers are not evidence (STS's hold session
     * credentials), so they are not kept in the evidence store.
     */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C unrecorded(
            B builder, AwsCredentialsProvider credentials) {
        return unrecorded(builder, credentials, Region.of(account.region()),
                account.endpointOverride().filter(e -> !e.isBlank()).map(URI::create), httpConfig.readTimeout());
    }

    /**
     * A client of the own account whose answers are not evidence either (the event queue: its messages only say
     * what to read), of {@code region}, at {@code endpoint} if given.
     *
     * @param readTimeout at least a long poll's wait, for a client that long-polls
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C ownUnrecorded(
            B builder, Region region, Optional<URI> endpoint, Duration readTimeout) {
        return unrecorded(builder, credentials(account.accessKeyId(), account.secretAccessKey()), region, endpoint,
                readTimeout.compareTo(httpConfig.readTimeout()) > 0 ? readTimeout : httpConfig.readTimeout());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C unrecorded(
            B builder, AwsCredentialsProvider credentials, Region region, Optional<URI> endpoint,
            Duration readTimeout) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(httpConfig.connectTimeout())
                        .socketTimeout(readTimeout))
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(retry.maxAttempts())));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * A client of one service in one region of one account, whose raw responses are kept under keys scoped by
     * {@code region} (accounts are read one after the other, and each response is cited right after it is read).
     *
     * @param service the collector's settings; its endpoint override wins over the account's
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            B builder, VigilConfig.AwsService service, Region region, CollectionContext context, Reader reader) {
        return client(builder, service, region, region.id(), context, reader);
    }

    /** As above, with raw responses kept under {@code scope} (a service that is not read region by region). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            B builder, VigilConfig.AwsService service, Region region, String scope, CollectionContext context,
            Reader reader) {
        configure(builder, httpConfig, retry, reader.credentials(), region,
                new SdkCaptureInterceptor(context.raw(), scope));
        endpointOverride(service).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The endpoint a service's clients use instead of AWS's own: the service's, else the account's; if any. */
    public Optional<URI> endpointOverride(VigilConfig.AwsService service) {
        return service.endpointOverride().or(account::endpointOverride).filter(e -> !e.isBlank()).map(URI::create);
    }

    /**
     * The regions a regional collector reads in one account ({@code vigil.aws.regions}; {@code all} is asked of
     * that account, whose enabled regions may differ); empty when they could not be listed.
     */
    public Optional<List<String>> regions(VigilConfig.AwsService service, CollectionContext context,
                                          List<String> resourceTypes, Reader reader) {
        return AwsRegions.resolve(account.regions(), account.region(),
                () -> client(Ec2Client.builder(), service, Region.of(account.region()), context, reader), context,
                resourceTypes);
    }

    /**
     * Whether a full run of a regional collector reads {@code region} ({@code vigil.aws.regions}): for a targeted
     * read of the region an event names. With {@code all}, any region an event came from is enabled for the
     * account, so it is read without asking EC2.
     */
    public boolean readsRegion(String region) {
        List<String> regions = account.regions().filter(l -> !l.isEmpty()).orElse(List.of(account.region()));
        return regions.contains(AwsRegions.ALL) || regions.stream().map(String::trim).anyMatch(region::equals);
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
