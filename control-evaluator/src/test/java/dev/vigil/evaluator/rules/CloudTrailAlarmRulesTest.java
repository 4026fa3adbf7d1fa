package dev.vigil.evaluator.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two rules on the alarms on CloudTrail's events, on facts shaped as {@code aws-cloudtrail} publishes them
 * ({@code aws.cloudtrail.metric-alarms}): the sandbox account's (src/test/resources/CloudTrailAlarmRulesTest/), and
 * variants of it.
 */
class CloudTrailAlarmRulesTest {
    private static final Rule ACCESS = new CloudTrailUnauthorizedAccessAlarms();
    private static final Rule CHANGES = new CloudTrailProductionChangeAlarms();

    private static Map<String, Object> sandbox() {
        try (InputStream in = CloudTrailAlarmRulesTest.class.getResourceAsStream(
                "/CloudTrailAlarmRulesTest/sandbox-account.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> trail(Map<String, Object> facts) {
        return ((List<Map<String, Object>>) facts.get("trails")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> filter(Map<String, Object> facts, String name) {
        return ((List<Map<String, Object>>) trail(facts).get("filters")).stream()
                .filter(f -> f.get("name").equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alarm(Map<String, Object> facts, String filter) {
        return ((List<Map<String, Object>>) filter(facts, filter).get("alarms")).get(0);
    }

    private static Verdict judge(Rule rule, Map<String, Object> facts) {
        return rule.evaluate(new Facts(facts));
    }

    @Test
    void theSandboxAlarmsOnUnauthorizedAccessButNotOnEveryProductionChange() {
        assertThat(judge(ACCESS, sandbox())).isEqualTo(Verdict.pass("CloudTrail trail acme-org-trail (log group "
                + "acme-cloudtrail) alarms on unauthorized access: unauthorized API calls, console sign-in failures"));
        assertThat(judge(CHANGES, sandbox())).isEqualTo(Verdict.fail("no CloudTrail trail recording every region "
                + "alarms on production changes (acme-org-trail (log group acme-cloudtrail): no alarm with an enabled "
                + "action for route table changes, VPC changes (filter vpc-changes has no alarm))"));
    }

    @Test
    void anAlarmMustHaveItsActionsEnabledAndNotifySomeone() {
        Map<String, Object> disabled = sandbox();
        alarm(disabled, "unauthorized-api-calls").put("actionsEnabled", false);
        assertThat(judge(ACCESS, disabled)).isEqualTo(Verdict.fail("no CloudTrail trail recording every region alarms "
                + "on unauthorized access (acme-org-trail (log group acme-cloudtrail): no alarm with an enabled action "
                + "for unauthorized API calls (alarm unauthorized-api-calls has its actions disabled))"));

        Map<String, Object> stopsAnInstance = sandbox();
        alarm(stopsAnInstance, "console-authentication-failures").put("alarmActions",
                List.of("arn:aws:automate:us-east-1:ec2:stop"));
        assertThat(judge(ACCESS, stopsAnInstance).reason()).endsWith("console sign-in failures (alarm "
                + "console-authentication-failures notifies nobody))");

        Map<String, Object> paged = sandbox();
        alarm(paged, "console-authentication-failures").put("alarmActions",
                List.of("arn:aws:ssm-incidents::111122223333:response-plan/security"));
        assertThat(judge(ACCESS, paged).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aFilterCatchingSeveralCategoriesCoversEach() {
        Map<String, Object> facts = sandbox();
        filter(facts, "vpc-changes").put("catches", List.of("route-table-changes", "vpc-changes"));
        filter(facts, "vpc-changes").put("alarms", List.of(Map.of("name", "network-changes", "actionsEnabled", true,
                "alarmActions", List.of("arn:aws:sns:us-east-1:111122223333:security-oncall"), "state", "ALARM")));
        assertThat(judge(CHANGES, facts).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aTrailThatRecordsOneRegionOrHasStoppedOrDeliversNowhereDoesNotCount() {
        Map<String, Object> single = sandbox();
        trail(single).put("isMultiRegionTrail", false);
        assertThat(judge(ACCESS, single)).isEqualTo(Verdict.fail("no CloudTrail trail recording every region alarms "
                + "on unauthorized access (acme-org-trail (log group acme-cloudtrail): records one region only)"));

        Map<String, Object> stopped = sandbox();
        trail(stopped).put("isLogging", false);
        assertThat(judge(ACCESS, stopped).reason()).endsWith("(acme-org-trail (log group acme-cloudtrail): not logging)");

        Map<String, Object> nowhere = sandbox();
        trail(nowhere).put("logGroupArn", null);
        trail(nowhere).put("logGroup", null);
        trail(nowhere).put("filters", null);
        assertThat(judge(CHANGES, nowhere)).isEqualTo(Verdict.fail("no CloudTrail trail recording every region alarms "
                + "on production changes (acme-org-trail: delivers to no CloudWatch Logs log group)"));

        assertThat(judge(ACCESS, Map.of("homeRegion", "us-east-1", "trails", List.of()))).isEqualTo(Verdict.fail(
                "the account has no CloudTrail trail: no alarm can fire on unauthorized access"));
    }

    @Test
    void anOrganisationTrailsLogGroupInAnotherAccountIsJudgedThere() {
        Map<String, Object> member = sandbox();
        trail(member).put("logGroupAccount", "999988887777");
        trail(member).put("filters", null);
        assertThat(judge(CHANGES, member)).isEqualTo(Verdict.notApplicable("the alarms on acme-org-trail (log group "
                + "acme-cloudtrail of account 999988887777) are judged in the account that holds the log group"));
    }

    @Test
    void missingFactsAreUnknownNeverAPass() {
        Map<String, Object> facts = sandbox();
        trail(facts).remove("filters");
        assertThat(judge(ACCESS, facts).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(CHANGES, Map.of("homeRegion", "us-east-1")).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
