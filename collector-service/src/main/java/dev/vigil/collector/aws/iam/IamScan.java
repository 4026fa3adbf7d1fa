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
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.time.Duration;
import java.util.ArrayList;
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
