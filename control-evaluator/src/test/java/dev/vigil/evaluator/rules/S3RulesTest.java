package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 public access, versioning and transport rules on facts shaped as aws-s3 publishes them. */
class S3RulesTest {
    private static final Map<String, Object> ALL_ON = block(true, true, true, true);
    private static final Map<String, Object> ACLS_ONLY = block(true, true, false, false);
    private static final Map<String, Object> POLICY_ONLY = block(false, false, true, true);

    private static Map<String, Object> block(boolean acls, boolean ignore, boolean policy, boolean restrict) {
        return Map.of("blockPublicAcls", acls, "ignorePublicAcls", ignore, "blockPublicPolicy", policy,
                "restrictPublicBuckets", restrict);
    }

    private static Map<String, Object> bucket(Object... facts) {
        Map<String, Object> m = new HashMap<>();
        m.put("bucket", "b");
        for (int i = 0; i < facts.length; i += 2) {
            m.put((String) facts[i], facts[i + 1]);
        }
        return m;
    }

    private static Verdict judge(Rule rule, Map<String, Object> facts) {
        return rule.evaluate(new Facts(facts));
    }

    @Test
    void aBucketIsBlockedByItsOwnBlockOrTogetherWithTheAccounts() {
        Rule rule = new S3BucketPublicAccessBlocked();
        assertThat(judge(rule, bucket("publicAccessBlock", ALL_ON, "accountPublicAccessBlock", null)))
                .isEqualTo(Verdict.pass("bucket b blocks all public access itself"));
        assertThat(judge(rule, bucket("publicAccessBlock", POLICY_ONLY, "accountPublicAccessBlock", ACLS_ONLY)))
                .isEqualTo(Verdict.pass("bucket b blocks all public access, together with the account's block"));
        assertThat(judge(rule, bucket("publicAccessBlock", null, "accountPublicAccessBlock", ALL_ON)).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void aBucketWithASettingOffEverywhereFailsNamingIt() {
        Rule rule = new S3BucketPublicAccessBlocked();
        assertThat(judge(rule, bucket("publicAccessBlock", null, "accountPublicAccessBlock", ACLS_ONLY)))
                .isEqualTo(Verdict.fail("bucket b can be made public: blockPublicPolicy, restrictPublicBuckets off "
                        + "for the bucket and for the account"));
        assertThat(judge(rule, bucket("publicAccessBlock", ACLS_ONLY, "accountPublicAccessBlock", null)).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void anUnreadAccountBlockIsUnknownUnlessTheBucketBlocksEverythingItself() {
        Rule rule = new S3BucketPublicAccessBlocked();
        assertThat(judge(rule, bucket("publicAccessBlock", POLICY_ONLY)).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(rule, bucket("publicAccessBlock", ALL_ON)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void theAccountNeedsAllFourSettings() {
        Rule rule = new S3AccountPublicAccessBlocked();
        assertThat(judge(rule, Map.of("accountId", "1", "publicAccessBlock", ALL_ON)))
                .isEqualTo(Verdict.pass("account 1 blocks all public access to S3"));
        assertThat(judge(rule, Map.of("accountId", "1", "publicAccessBlock", ACLS_ONLY))).isEqualTo(Verdict.fail(
                "account 1's S3 public access block leaves blockPublicPolicy, restrictPublicBuckets off"));
        Map<String, Object> none = new HashMap<>(Map.of("accountId", "1"));
        none.put("publicAccessBlock", null);
        assertThat(judge(rule, none))
                .isEqualTo(Verdict.fail("account 1 has no S3 public access block: each bucket decides alone"));
    }

    @Test
    void versioningMustBeEnabledNotSuspendedOrNever() {
        Rule rule = new S3BucketVersioningEnabled();
        assertThat(judge(rule, bucket("versioning", "Enabled")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, bucket("versioning", "Suspended"))).isEqualTo(Verdict.fail("bucket b has versioning "
                + "suspended: overwrites and deletes no longer keep the earlier version"));
        assertThat(judge(rule, bucket("versioning", null)))
                .isEqualTo(Verdict.fail("bucket b has never had versioning enabled"));
        assertThat(judge(rule, bucket()).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void theBucketPolicyMustDenyRequestsWithoutTls() {
        Rule rule = new S3BucketDeniesInsecureTransport();
        assertThat(judge(rule, bucket("bucketPolicy", true, "policyDeniesInsecureTransport", true)))
                .isEqualTo(Verdict.pass("bucket b refuses requests without TLS"));
        assertThat(judge(rule, bucket("bucketPolicy", true, "policyDeniesInsecureTransport", false))).isEqualTo(
                Verdict.fail("bucket b's policy does not deny requests without TLS: objects can travel in clear text"));
        assertThat(judge(rule, bucket("bucketPolicy", false, "policyDeniesInsecureTransport", false))).isEqualTo(
                Verdict.fail("bucket b has no bucket policy, so nothing denies requests without TLS"));
        // evidence collected before this fact existed is unknown, never a pass
        assertThat(judge(rule, bucket()).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
