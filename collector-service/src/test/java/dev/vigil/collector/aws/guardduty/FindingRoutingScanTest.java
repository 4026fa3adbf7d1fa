package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.AwsFixtureClients;
import dev.vigil.collector.aws.FixtureHttpClient;
import dev.vigil.collector.aws.KeptAnswers;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.collector.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded EventBridge (JSON 1.1) responses, unmarshalled by the real SDK, to where a region's findings go. */
class FindingRoutingScanTest {
    private static final String KEY = "aws:111122223333:guardduty-finding-routing:eu-west-1";
    private static final String PAGE_2 = "AAAAAQAAAAxmaXh0dXJlLXBhZ2UtMg";

    @TempDir
    Path store;

    FixtureHttpClient twoPagesOfRules() {
        return new FixtureHttpClient(getClass())
                .answer("ListRules@eu-west-1", 200, "list-rules-page-1.json")
                .answer("ListRules@eu-west-1#" + PAGE_2, 200, "list-rules-page-2.json")
                .answer("ListTargetsByRule@eu-west-1/guardduty-findings-to-security", 200,
                        "list-targets-to-security.json")
                .answer("ListTargetsByRule@eu-west-1/guardduty-findings-to-ticketing", 200, "list-targets-none.json");
    }

    @Test
    void theRulesCatchingFindingsOnEveryPageWithTheirTargetsAndNothingOfTheirInput() {
        FixtureHttpClient http = twoPagesOfRules();
        RecordingContext context = scan(http);

        assertThat(context.failures).isEmpty();
        RecordingContext.Item routing = context.byKey().get(KEY);
        assertThat(routing.resourceType()).isEqualTo("aws.guardduty.finding-routing");
        assertThat(routing.facts().get("region")).isEqualTo("eu-west-1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) routing.facts().get("rules");
        // the EC2 rule and the schedule catch no finding; the disabled rule is kept, for the rule to say so
        assertThat(rules).extracting(r -> r.get("name"))
                .containsExactly("guardduty-findings-to-security", "guardduty-findings-to-ticketing");
        assertThat(rules.get(0)).containsEntry("state", "ENABLED")
                .containsEntry("targets", List.of("arn:aws:sns:eu-west-1:111122223333:security-oncall"));
        assertThat((String) rules.get(0).get("eventPattern")).contains("\"numeric\":[\">=\",4]");
        assertThat(rules.get(1)).containsEntry("state", "DISABLED").containsEntry("targets", List.of());
        assertThat(routing.facts().toString()).doesNotContain("pk_live_FIXTURE");
        assertThat(routing.provenance().operation()).isEqualTo("events:ListRules");
        assertThat(routing.provenance().parameters()).isEqualTo(Map.of("Region", "eu-west-1"));
        assertThat(routing.provenance().supporting()).extracting(c -> c.operation() + " " + c.parameters())
                .containsExactly("events:ListRules {NextToken=" + PAGE_2 + "}",
                        "events:ListTargetsByRule {Rule=guardduty-findings-to-security}",
                        "events:ListTargetsByRule {Rule=guardduty-findings-to-ticketing}");
    }

    @Test
    void noRuleIsAFactNotAFailure() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListRules@eu-west-1", 200, "list-rules-none.json"));

        assertThat(context.failures).isEmpty();
        assertThat(context.byKey().get(KEY).facts()).isEqualTo(Map.of("region", "eu-west-1", "rules", List.of()));
    }

    @Test
    void deniedListingIsAFailureNamingTheAction() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListRules@eu-west-1", 400, "error-access-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceType()).isEqualTo("aws.guardduty.finding-routing");
            assertThat(f.resourceKey()).isEqualTo(KEY);
            assertThat(f.missingPermission()).isEqualTo("events:ListRules");
            assertThat(f.reason()).startsWith("cannot list the EventBridge rules of eu-west-1: HTTP 400")
                    .contains("AccessDeniedException");
        });
    }

    @Test
    void aRuleWhoseTargetsCannotBeReadLeavesTheRegionUnreadNotRoutedToNobody() {
        RecordingContext context = scan(new FixtureHttpClient(getClass())
                .answer("ListRules@eu-west-1", 200, "list-rules-page-1.json")
                .answer("ListRules@eu-west-1#" + PAGE_2, 200, "list-rules-none.json")
                .answer("ListTargetsByRule@eu-west-1/guardduty-findings-to-security", 400,
                        "error-access-denied.json"));

        assertThat(context.evidence).isEmpty();
        assertThat(context.failures).singleElement().satisfies(f -> {
            assertThat(f.missingPermission()).isEqualTo("events:ListTargetsByRule");
            assertThat(f.reason()).startsWith("cannot list the targets of EventBridge rule "
                    + "guardduty-findings-to-security in eu-west-1");
        });
    }

    @Test
    void theAnswersAsTheEvidenceStoreKeepsThemGiveTheSameFactsAndFailures() {
        KeptAnswers kept = KeptAnswers.assertSameFacts(AllowListDefinitions.of(GuardDutyCollector.class), "eu-west-1",
                this::twoPagesOfRules, this::scan);
        assertThat(kept.kinds).contains("event rules (EventBridge, JSON 1.1)",
                "event rule targets (EventBridge): which, never their input");
    }

    private RecordingContext scan(FixtureHttpClient http) {
        return scan(http, null);
    }

    private RecordingContext scan(FixtureHttpClient http, KeptAnswers kept) {
        RecordingContext context = new RecordingContext(store);
        try (EventBridgeClient events = AwsFixtureClients.client(EventBridgeClient.builder(), http, Region.EU_WEST_1,
                context, kept)) {
            new FindingRoutingScan(events, "111122223333", "eu-west-1").run(context);
        }
        return context;
    }
}
