package dev.vigil.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code vigil.*} setting of the collector service, with its default. docs/configuration.md describes
 * each one; application.properties points the collectors at the local sandbox.
 *
 * <p>Three mapping roots rather than one at {@code vigil}: other {@code vigil.*} system properties (set by the
 * build for the test servers) would otherwise fail validation as unknown keys. {@code vigil.evidence-store.*} has
 * none: common's {@code EvidenceStores.Settings} reads it, the same way in both services that open the store.
 */
@Singleton
public class VigilConfig {
    private final Collection collection;
    private final Topics topics;
    private final Collectors collectors;

    public VigilConfig(Collection collection, Topics topics, Collectors collectors) {
        this.collection = collection;
        this.topics = topics;
        this.collectors = collectors;
    }

    public Collection collection() {
        return collection;
    }

    public Topics topics() {
        return topics;
    }

    public Collectors collectors() {
        return collectors;
    }

    @ConfigMapping(prefix = "vigil.collection")
    public interface Collection {
        /** Run every enabled collector once when the service starts. */
        @WithDefault("true")
        boolean runOnStart();

        /** Run collectors on their interval ({@code every}); off in tests that trigger runs themselves. */
        @WithDefault("true")
        boolean scheduleEnabled();

        /** A collector's interval unless it sets its own, when nothing tells Vigil of changes between runs. */
        @WithDefault("6h")
        Duration every();

        /**
         * A collector's interval unless it sets its own, when its provider's events are on (a receiver with a secret,
         * or the AWS queue) and it reads what an event names: the run is then a reconciliation sweep that catches
         * what no event announced, not the way changes are found.
         */
        @WithDefault("24h")
        Duration everyWithEvents();

        /** Publish a PROGRESS run event after this many evidence items. */
        @WithDefault("100")
        int progressEvery();

        /** Runs kept in PostgreSQL for GET /api/collections (every instance shows the same). */
        @WithDefault("200")
        int historySize();

        /**
         * This instance's name in run leases and history; unset: the host name and a random suffix, unique per
         * process (on Kubernetes the host name is the pod's).
         */
        Optional<String> instanceId();

        /**
         * How long a run's lease lasts unless renewed (every third of it, while the run goes on): an instance that
         * dies holds its runs this long, then another takes them over.
         */
        @WithDefault("60s")
        Duration leaseTtl();

        /** How often each instance looks for due and abandoned runs; the one that wins a run's lease runs it. */
        @WithDefault("30s")
        Duration scheduleTick();

        /**
         * The run at start is skipped when a run of everything of the collector started this recently on any
         * instance: instances started together, or one after another, collect once.
         */
        @WithDefault("10m")
        Duration runOnStartSkipWithin();

        /**
         * Runs of different collectors at the same time; more wait for a free one. Runs spend most of their time
         * waiting on providers, so a few at once make a full collection as long as its longest run, not their sum.
         */
        @WithDefault("4")
        int parallelRuns();

        /** How long the end of a run waits for the broker to acknowledge its records. */
        @WithDefault("60s")
        Duration publishTimeout();

        Retry retry();

        Http http();
    }

    /** Retries of provider calls on 429, 5xx and I/O errors, with exponential backoff. */
    public interface Retry {
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        /** Upper bound of one wait, even when the provider's rate-limit reset lies further away. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    public interface Http {
        @WithDefault("10s")
        Duration connectTimeout();

        @WithDefault("60s")
        Duration readTimeout();
    }

    @ConfigMapping(prefix = "vigil.topics")
    public interface Topics {
        @WithDefault(dev.vigil.common.evidence.Topics.EVIDENCE)
        String evidence();

        @WithDefault(dev.vigil.common.evidence.Topics.COLLECTION_RUNS)
        String collectionRuns();
    }

    @ConfigMapping(prefix = "vigil.collectors")
    public interface Collectors {
        @WithName("github-branch-protection")
        GitHub github();

        @WithName("aws-s3")
        AwsS3 awsS3();

        @WithName("okta-user-mfa")
        Okta okta();

        @WithName("aws-iam")
        AwsIam awsIam();

        @WithName("aws-identity-center")
        AwsIdentityCenter awsIdentityCenter();

        @WithName("aws-ec2")
        AwsService awsEc2();

        @WithName("aws-rds")
        AwsService awsRds();

        @WithName("aws-guardduty")
        AwsService awsGuardDuty();

        @WithName("aws-cloudtrail")
        AwsService awsCloudTrail();

        @WithName("aws-kms")
        AwsService awsKms();

        @WithName("aws-backup")
        AwsService awsBackup();

        @WithName("aws-load-balancers")
        AwsService awsLoadBalancers();

        @WithName("entra-id-users")
        Entra entra();

        @WithName("google-workspace-users")
        Google google();
    }

    public interface Schedule {
        @WithDefault("true")
        boolean enabled();

        /**
         * Interval between scheduled runs. Unset: {@code vigil.collection.every}, or
         * {@code vigil.collection.every-with-events} when the collector's provider sends events Vigil reads again for.
         */
        Optional<Duration> every();
    }

    public interface GitHub extends Schedule {
        /** REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
        @WithDefault("https://api.github.com")
        String endpoint();

        /** Token with read access to the organisation's repositories and their administration settings. */
        Optional<String> token();

        /**
         * GraphQL API (Dependabot alerts of 100 repositories per query); unset: derived from {@link #endpoint()},
         * https://api.github.com/graphql, or https://HOST/api/graphql for https://HOST/api/v3.
         */
        Optional<String> graphqlEndpoint();

        String organization();

        @WithDefault("100")
        int pageSize();

        /** GitHub App authentication instead of a token: the app's id (with its private key). */
        Optional<String> appId();

        /** The app's private key, PEM (PKCS#1 as GitHub issues it, or PKCS#8); or {@link #appPrivateKeyFile()}. */
        Optional<String> appPrivateKey();

        Optional<String> appPrivateKeyFile();

        /** The app's installation on the organisation; looked up ({@code GET /orgs/{org}/installation}) if unset. */
        Optional<Long> appInstallationId();

        /**
         * Keep answers with an ETag (in PostgreSQL, shared by every instance) and ask again with If-None-Match: 304s
         * cost no rate-limit budget.
         */
        @WithDefault("true")
        boolean cacheEnabled();

        /**
         * File holding the base64 AES-256 key the cache's entries (in PostgreSQL) are encrypted with, readable by its
         * owner only (the local stack generates one per VIGIL_HOME); every instance needs the same one. Unset: a key
         * generated at start, so entries do not outlive the process (the first run after a restart, or on another
         * instance, reads everything in full).
         */
        Optional<String> cacheKeyFile();

        /** Repositories read in parallel; GitHub asks integrators to keep concurrent requests low. */
        @WithDefault("4")
        int concurrency();

        /**
         * The operator's mapping of GitHub logins to e-mail addresses ({@code login = e-mail} a line), the last
         * resort for people neither a SAML identity nor a verified-domain e-mail attributes; read at every run.
         */
        Optional<String> identityMappingFile();
    }

    /** One AWS service's collector: its schedule and, optionally, its own endpoint. */
    public interface AwsService extends Schedule {
        /** This service's endpoint (a FIPS, VPC or other-partition endpoint); overrides {@code vigil.aws.endpoint-override}. */
        Optional<String> endpointOverride();
    }

    /** IAM's collector: as any AWS service, and the tag that names the person an IAM user belongs to. */
    public interface AwsIam extends AwsService {
        /**
         * The user tag whose value is the e-mail address of the person the user belongs to (read with
         * iam:ListUserTags, one call per user); the identity join uses it before the user's name. application.properties
         * sets {@code email}; set it empty to read no tags.
         */
        Optional<String> emailTag();
    }

    /** IAM Identity Center's collector: as any AWS service, read in the region its instance lives in. */
    public interface AwsIdentityCenter extends AwsService {
        /** The Identity Center instance's region; unset: {@code vigil.aws.region}. */
        Optional<String> region();
    }

    /** S3's collector: as any AWS service, and path-style requests, which most S3-compatible endpoints need. */
    public interface AwsS3 extends AwsService {
        /** Path-style requests ({@code /<bucket>?encryption}) instead of a host per bucket. */
        @WithDefault("false")
        boolean forcePathStyle();

        /**
         * Buckets read in parallel (four calls each). S3 sets no rate limit on these reads that a handful of
         * callers reaches; one at a time, a real account of 20,000 buckets takes about an hour.
         */
        @WithDefault("8")
        int concurrency();
    }

    /** The AWS account (and the accounts it reaches through roles) every AWS collector reads. */
    @ConfigMapping(prefix = "vigil.aws")
    public interface AwsAccount {
        /** Account id the credentials belong to; it names the evidence source {@code vigil://aws/<account>}. */
        String accountId();

        /** Home region: the client region of global calls (DescribeRegions) and the default region list. */
        @WithDefault("us-east-1")
        String region();

        /** Regions read by regional collectors: a list, or {@code all} for every region enabled in the account. */
        Optional<List<String>> regions();

        /** One endpoint for every service (a sandbox or proxy); unset for AWS's own endpoints. */
        Optional<String> endpointOverride();

        /** Static credentials; when unset the SDK's default chain (env, profile, role) is used. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** More accounts, each read through a role the credentials above assume (STS AssumeRole). */
        Optional<List<AssumedRole>> accounts();

        /** Reading every active account of an AWS Organization through one role name. */
        Organizations organizations();
    }

    /** A role in another account: {@code vigil.aws.accounts[i].role-arn} and {@code .external-id}. */
    public interface AssumedRole {
        String roleArn();

        /** The external id the role's trust policy requires, if any. */
        Optional<String> externalId();
    }

    public interface Organizations {
        /** List the organisation's accounts (organizations:ListAccounts, from the management or a delegated account). */
        @WithDefault("false")
        boolean enabled();

        /** The role assumed in each active member account. */
        @WithDefault("VigilReadOnly")
        String roleName();

        Optional<String> externalId();
    }

    public interface Okta extends Schedule {
        /** The org URL, e.g. https://acme.okta.com; the API lives under /api/v1. */
        String orgUrl();

        /** API token (sent as {@code Authorization: SSWS ...}). */
        Optional<String> token();

        /** Name of the Okta org in evidence sources and keys; defaults to the org URL's host. */
        Optional<String> domain();

        /** Users per page ({@code limit}); Okta allows up to 200. */
        @WithDefault("200")
        int pageSize();

        /**
         * Users of a page whose factors and roles are read in parallel. Okta also limits concurrent requests per
         * org (tens, by plan), which other integrations share; a 429 holds every call of the run until reset.
         */
        @WithDefault("4")
        int concurrency();
    }

    public interface Entra extends Schedule {
        /** Directory (tenant) id of the Entra ID tenant. */
        String tenantId();

        /** Name of the tenant in evidence sources and keys (e.g. acme.onmicrosoft.com); defaults to the tenant id. */
        Optional<String> tenantDomain();

        /** Application (client) id of the app registration granted User.Read.All and AuditLog.Read.All. */
        String clientId();

        /** A client secret of that app registration. */
        Optional<String> clientSecret();

        /** The Entra ID authority: login.microsoftonline.com, or a national cloud's (login.microsoftonline.us, ...). */
        @WithDefault("https://login.microsoftonline.com")
        String authorityUrl();

        /** Microsoft Graph root: graph.microsoft.com, or a national cloud's (graph.microsoft.us, ...). */
        @WithDefault("https://graph.microsoft.com")
        String graphUrl();

        /** Users per page ({@code $top}); Graph allows up to 999. */
        @WithDefault("999")
        int pageSize();
    }

    public interface Google extends Schedule {
        /** The Workspace primary domain: it names the evidence source and keys. */
        String domain();

        /** The service account's JSON key file (as downloaded from the Google Cloud console). */
        Optional<String> credentialsFile();

        /** The Workspace administrator the service account acts for (domain-wide delegation). */
        String subject();

        /** Which customer's users: {@code my_customer} is the subject's own. */
        @WithDefault("my_customer")
        String customer();

        /** Admin SDK root. */
        @WithDefault("https://admin.googleapis.com")
        String directoryUrl();

        /** Cloud Identity root (the Policy API: password policies). */
        @WithDefault("https://cloudidentity.googleapis.com")
        String policiesUrl();

        /** Token endpoint; unset: the key file's {@code token_uri}. */
        Optional<String> tokenUrl();

        /** Users per page ({@code maxResults}); the API allows up to 500. */
        @WithDefault("500")
        int pageSize();
    }
}
