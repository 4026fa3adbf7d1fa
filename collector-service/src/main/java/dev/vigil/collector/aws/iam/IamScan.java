package dev.vigil.collector.aws.iam;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one account's IAM: the credential report (one item per user, and the root user), the password policy,
 * and the principals the AdministratorAccess managed policy is attached to.
 */
final class IamScan {
    private static final Logger LOG = Logger.getLogger(IamScan.class);
    static final String USER = "aws.iam.user";
    static final String ROOT = "aws.iam.root";
    static final String PASSWORD_POLICY = "aws.iam.password-policy";
    static final String ADMIN = "aws.iam.admin-principal";
    static final String PERMISSION_GENERATE = "iam:GenerateCredentialReport";
    static final String PERMISSION_REPORT = "iam:GetCredentialReport";
    static final String PERMISSION_POLICY = "iam:GetAccountPasswordPolicy";
    static final String PERMISSION_ENTITIES = "iam:ListEntitiesForPolicy";
    static final String PERMISSION_TAGS = "iam:ListUserTags";
    /** One user's reads (a targeted run), each giving one column of its credential report row. */
    static final String PERMISSION_USER = "iam:GetUser";
    static final String PERMISSION_LOGIN_PROFILE = "iam:GetLoginProfile";
    static final String PERMISSION_MFA = "iam:ListMFADevices";
    static final String PERMISSION_KEYS = "iam:ListAccessKeys";
    static final String PERMISSION_KEY_LAST_USED = "iam:GetAccessKeyLastUsed";
    /** How the credential report writes a time: ISO 8601 with the offset spelled out. */
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    static final String ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
    /** IAM builds a report in seconds; give it this many polls before reporting it unreadable. */
    private static final int REPORT_POLLS = 10;

    private final IamClient iam;
    private final String accountId;
    private final String scope;
    private final Duration pollInterval;
    private final String emailTag;

    IamScan(IamClient iam, String accountId, String scope, Duration pollInterval) {
        this(iam, accountId, scope, pollInterval, null);
    }

    /**
     * @param scope        the region the client's raw responses are kept under (see {@link SdkCaptureInterceptor})
     * @param pollInterval wait between GenerateCredentialReport calls while IAM is still building the report
     * @param emailTag     the user tag naming the person a user belongs to, or null to read no tags
     */
    IamScan(IamClient iam, String accountId, String scope, Duration pollInterval, String emailTag) {
        this.iam = iam;
        this.accountId = accountId;
        this.scope = scope;
        this.pollInterval = pollInterval;
        this.emailTag = emailTag;
    }

    void run(CollectionContext context) throws InterruptedException {
        credentialReport(context);
        passwordPolicy(context);
        administrators(context);
    }

    private void credentialReport(CollectionContext context) throws InterruptedException {
        GetCredentialReportResponse report;
        String step = "generate the credential report";
        String permission = PERMISSION_GENERATE;
        try {
            if (!generated()) {
                List.of(USER, ROOT).forEach(type -> context.failure(new RunFailure(type,
                        null, "the credential report was still being generated after " + REPORT_POLLS + " polls", null)));
                return;
            }
            step = "read the credential report";
            permission = PERMISSION_REPORT;
            report = iam.getCredentialReport();
        } catch (SdkException e) {
            for (String type : List.of(USER, ROOT)) {
                context.failure(AwsErrors.failure(type, null, step, permission, e));
            }
            return;
        }
        RawResponse raw = raw(context, "GetCredentialReport").orElse(null);
        String generatedAt = String.valueOf(report.generatedTime());
        List<Map<String, String>> rows;
        try {
            rows = CredentialReport.parse(report.content().asByteArray());
        } catch (IllegalArgumentException e) {
            List.of(USER, ROOT).forEach(type -> context.failure(new RunFailure(type, null,
                    "cannot read the credential report: " + e.getMessage(), null)));
            return;
        }
        for (Map<String, String> row : rows) {
            String user = row.get("user");
            Map<String, String> cited = Map.of("GeneratedTime", generatedAt, "user", user);
            if (CredentialReport.ROOT.equals(user)) {
                context.evidence(ROOT, prefix() + "root", IamFacts.root(row),
                        context.provenance("iam:GetCredentialReport", cited, raw));
            } else {
                Map<String, Object> facts = IamFacts.user(row);
                List<Provenance.Citation> supporting = new ArrayList<>();
                if (emailTag != null) {
                    facts.putAll(emailTag(context, user, supporting));
                }
                context.evidence(USER, prefix() + "user/" + user, facts,
                        context.provenance("iam:GetCredentialReport", cited, raw, supporting));
            }
        }
    }

    /**
     * One user (a targeted run), with the facts its credential report row gives in a full run. Not from the report:
     * IAM hands out a report up to four hours old, which would not show the change the event announced. Each column
     * comes from the user's own call instead (GetUser, GetLoginProfile, ListMFADevices, ListAccessKeys and
     * GetAccessKeyLastUsed), written as the report writes it, and goes through the same {@link IamFacts#user}. A
     * user IAM no longer knows publishes nothing (the next full run retires it); any other failed read publishes
     * nothing for the user and names the action.
     */
    void user(CollectionContext context, String userName) {
        String key = prefix() + "user/" + userName;
        Map<String, String> parameters = Map.of("UserName", userName);
        List<Provenance.Citation> supporting = new ArrayList<>();
        Map<String, String> row = new LinkedHashMap<>();
        String step = "read IAM user " + userName;
        String permission = PERMISSION_USER;
        RawResponse described;
        try {
            User user = iam.getUser(r -> r.userName(userName)).user();
            described = raw(context, "GetUser").orElse(null);
            row.put("user", user.userName());
            row.put("arn", user.arn());
            row.put("user_creation_time", time(user.createDate()));
            row.put("password_last_used", time(user.passwordLastUsed()));

            step = "read the login profile of IAM user " + userName;
            permission = PERMISSION_LOGIN_PROFILE;
            boolean console;
            try {
                iam.getLoginProfile(r -> r.userName(userName));
                console = true;
            } catch (NoSuchEntityException e) {
                console = false; // IAM says so explicitly: no password, no console access
            }
            cite(context, "GetLoginProfile", PERMISSION_LOGIN_PROFILE, parameters, supporting);
            row.put("password_enabled", String.valueOf(console));

            step = "list the MFA devices of IAM user " + userName;
            permission = PERMISSION_MFA;
            boolean mfa = iam.listMFADevicesPaginator(r -> r.userName(userName)).mfaDevices().iterator().hasNext();
            cite(context, "ListMFADevices", PERMISSION_MFA, parameters, supporting);
            row.put("mfa_active", String.valueOf(mfa));

            step = "list the access keys of IAM user " + userName;
            permission = PERMISSION_KEYS;
            List<AccessKeyMetadata> keys = iam.listAccessKeysPaginator(r -> r.userName(userName))
                    .accessKeyMetadata().stream().toList(); // in IAM's order: slot 1, then 2, as the report has them
            cite(context, "ListAccessKeys", PERMISSION_KEYS, parameters, supporting);
            step = "read when the access keys of IAM user " + userName + " were last used";
            permission = PERMISSION_KEY_LAST_USED;
            for (int slot = 1; slot <= Math.min(2, keys.size()); slot++) {
                AccessKeyMetadata accessKey = keys.get(slot - 1);
                String prefix = "access_key_" + slot + "_";
                row.put(prefix + "active", String.valueOf("Active".equals(accessKey.statusAsString())));
                row.put(prefix + "last_rotated", time(accessKey.createDate()));
                row.put(prefix + "last_used_date", time(iam.getAccessKeyLastUsed(
                        r -> r.accessKeyId(accessKey.accessKeyId())).accessKeyLastUsed().lastUsedDate()));
                cite(context, "GetAccessKeyLastUsed", PERMISSION_KEY_LAST_USED, parameters, supporting);
            }
        } catch (NoSuchEntityException e) {
            LOG.infof("IAM user %s of account %s does not exist any more: nothing to read", userName, accountId);
            return;
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(USER, key, step, permission, e));
            return;
        }
        Map<String, Object> facts = IamFacts.user(row);
        if (emailTag != null) {
            facts.putAll(emailTag(context, userName, supporting));
        }
        context.evidence(USER, key, facts, context.provenance(PERMISSION_USER, parameters, described, supporting));
    }

    private void cite(CollectionContext context, String operation, String citedAs, Map<String, String> parameters,
                      List<Provenance.Citation> to) {
        raw(context, operation).ifPresent(r -> to.add(r.cite(citedAs, parameters)));
    }

    /** A time as the credential report writes it; null (never) as the report's N/A. */
    private static String time(Instant instant) {
        return instant == null ? null : REPORT_TIME.format(instant);
    }

    /**
     * The user's e-mail tag, which the identity join attributes the user by. A refusal is not a gap in the user's
     * other facts (its MFA is still known): the user says its tags are unread, and the join calls it unknown.
     */
    private Map<String, Object> emailTag(CollectionContext context, String user, List<Provenance.Citation> supporting) {
        try {
            String value = null;
            for (ListUserTagsResponse page : iam.listUserTagsPaginator(r -> r.userName(user))) {
                raw(context, "ListUserTags").ifPresent(r -> supporting.add(r.cite("iam:ListUserTags",
                        Map.of("UserName", user))));
                for (Tag tag : page.tags()) {
                    if (tag.key().equalsIgnoreCase(emailTag) && value == null) {
                        value = tag.value();
                    }
                }
            }
            return IamFacts.emailTag(value, true, null);
        } catch (SdkException e) {
            String why = "cannot read the tags of IAM user " + user + ": " + AwsErrors.describe(e);
            LOG.warnf("aws-iam in %s: %s; the user's e-mail tag is unknown", accountId, Redactor.redactText(why));
            return IamFacts.emailTag(null, false, why);
        }
    }

    /** Asks IAM for a fresh report until it says COMPLETE; false when it is still being built. */
    private boolean generated() throws InterruptedException {
        for (int poll = 1; poll <= REPORT_POLLS; poll++) {
            if (iam.generateCredentialReport().state() == ReportStateType.COMPLETE) {
                return true;
            }
            Thread.sleep(pollInterval.toMillis());
        }
        return false;
    }

    private void passwordPolicy(CollectionContext context) {
        String key = prefix() + "password-policy";
        PasswordPolicy policy;
        try {
            policy = iam.getAccountPasswordPolicy().passwordPolicy();
        } catch (NoSuchEntityException e) {
            policy = null; // IAM says so explicitly: the account has no password policy
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(PASSWORD_POLICY, key, "read the account password policy",
                    PERMISSION_POLICY, e));
            return;
        }
        context.evidence(PASSWORD_POLICY, key, IamFacts.passwordPolicy(policy),
                context.provenance("iam:GetAccountPasswordPolicy", Map.of(), raw(context, "GetAccountPasswordPolicy").orElse(null)));
    }

    private void administrators(CollectionContext context) {
        Map<String, String> parameters = Map.of("PolicyArn", ADMIN_POLICY_ARN);
        try {
            for (ListEntitiesForPolicyResponse page : iam.listEntitiesForPolicyPaginator(
                    r -> r.policyArn(ADMIN_POLICY_ARN))) {
                RawResponse raw = raw(context, "ListEntitiesForPolicy").orElse(null);
                page.policyUsers().forEach(u -> admin(context, "user", u.userName(), parameters, raw));
                page.policyGroups().forEach(g -> admin(context, "group", g.groupName(), parameters, raw));
                page.policyRoles().forEach(r -> admin(context, "role", r.roleName(), parameters, raw));
            }
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(ADMIN, null, "list the principals with AdministratorAccess",
                    PERMISSION_ENTITIES, e));
        }
    }

    private void admin(CollectionContext context, String type, String name, Map<String, String> parameters,
                       RawResponse raw) {
        context.evidence(ADMIN, prefix() + type + "/" + name + ":AdministratorAccess",
                IamFacts.adminPrincipal(type, name, ADMIN_POLICY_ARN),
                context.provenance("iam:ListEntitiesForPolicy", parameters, raw));
    }

    private String prefix() {
        return "aws:" + accountId + ":iam:";
    }

    private Optional<RawResponse> raw(CollectionContext context, String operation) {
        return context.raw().get(SdkCaptureInterceptor.key(scope, operation, null));
    }
}
