package dev.vigil.report.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.catalogue.EvidenceKind;
import dev.vigil.common.catalogue.Frequency;
import dev.vigil.common.evidence.ControlStatus;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.FailingResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {
    private static final Instant T = Instant.parse("2026-11-23T10:15:04Z");
    private static final ControlDefinition CONTROL = new ControlDefinition("CM-11",
            "Restrict promotion to production to those without code edit rights", "CM", "Change Management",
            "Security", null, Frequency.ONGOING, EvidenceKind.AUTOMATED, List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackMessage messages = new SlackMessage(URI.create("https://vigil.example.com/"), 2,
            Duration.ofMinutes(30));

    @Test
    void aFailureListsTheFirstFailingResourcesWithReasonsAndHowManyMore() throws Exception {
        List<FailingResource> failing = IntStream.rangeClosed(1, 3).mapToObj(i -> resource("github:acme/repo-" + i,
                "admins can bypass <protection> on main & release")).toList();
        ObjectNode message = messages.build(CONTROL, Transition.PASS_TO_FAIL,
                new ControlStatusEvent("CM-11", ControlStatus.FAIL, T, 4, failing, null));

        assertThat(message).isEqualTo(JSON.readTree("""
                {"text": "CM-11 is failing: Restrict promotion to production to those without code edit rights (PASS → FAIL since 2026-11-23 10:15:04 UTC) https://vigil.example.com/controls/CM-11",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "emoji": true,
                   "text": ":red_circle: CM-11 is failing: Restrict promotion to production to those without code edit rights"}},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*<https://vigil.example.com/controls/CM-11|CM-11 · Restrict promotion to production to those without code edit rights>*\\n*PASS → FAIL* since 2026-11-23 10:15:04 UTC\\n3 of 4 resources in scope fail."}},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Failing resources*\\n• `github:acme/repo-1`: admins can bypass &lt;protection&gt; on main &amp; release\\n• `github:acme/repo-2`: admins can bypass &lt;protection&gt; on main &amp; release\\n_and 1 more_"}},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                   "text": "Category CM · Change Management · <https://vigil.example.com/controls/CM-11|Open in Vigil>"}]}
                 ]}"""));
    }

    @Test
    void aStatusThatListsOnlyTheFirstFailingResourcesSaysTheTotal() {
        List<FailingResource> listed = IntStream.rangeClosed(1, 3).mapToObj(i -> resource("github:acme/repo-" + i,
                "admins can bypass protection")).toList();
        JsonNode message = messages.build(CONTROL, Transition.PASS_TO_FAIL,
                new ControlStatusEvent("CM-11", ControlStatus.FAIL, T, 5_000, 3_440, listed, null));

        assertThat(message.at("/blocks/1/text/text").asText()).endsWith("3440 of 5000 resources in scope fail.");
        assertThat(message.at("/blocks/2/text/text").asText()).endsWith("_and 3438 more_");
    }

    @Test
    void aRecoverySaysAllResourcesPassAndListsNone() {
        JsonNode message = messages.build(CONTROL, Transition.FAIL_TO_PASS,
                new ControlStatusEvent("CM-11", ControlStatus.PASS, T, 4, List.of(), null));

        assertThat(message.at("/blocks/0/text/text").asText())
                .isEqualTo(":large_green_circle: CM-11 passes again: Restrict promotion to production to those without code edit rights");
        assertThat(message.at("/blocks/1/text/text").asText())
                .endsWith("*FAIL → PASS* since 2026-11-23 10:15:04 UTC\nAll 4 resources in scope pass.");
        assertThat(message.get("blocks")).hasSize(3);
        assertThat(message.at("/blocks/2/type").asText()).isEqualTo("context");
    }

    @Test
    void notEvaluatedGivesTheThresholdAndTheReason() {
        JsonNode message = messages.build(CONTROL, Transition.NOT_EVALUATED, new ControlStatusEvent("CM-11",
                ControlStatus.NOT_EVALUATED, T, 0, List.of(), "collector github lacks Administration: read"));

        assertThat(message.at("/blocks/0/text/text").asText())
                .startsWith(":warning: CM-11 not evaluated for over 30m: ");
        assertThat(message.at("/blocks/1/text/text").asText())
                .endsWith("*NOT_EVALUATED* since 2026-11-23 10:15:04 UTC\nReason: collector github lacks Administration: read");
        assertThat(message.get("text").asText()).contains("NOT_EVALUATED since 2026-11-23 10:15:04 UTC");
    }

    @Test
    void blockKitLimitsAreKept() {
        ControlDefinition longTitle = new ControlDefinition("CM-11", "x".repeat(400), "CM", "Change Management",
                "Security", null, Frequency.ONGOING, EvidenceKind.AUTOMATED, List.of());
        SlackMessage many = new SlackMessage(URI.create("https://vigil.example.com"), 50, Duration.ofMinutes(30));
        List<FailingResource> failing = IntStream.range(0, 50).mapToObj(i -> resource("k" + i, "r".repeat(1000))).toList();
        JsonNode message = many.build(longTitle, Transition.PASS_TO_FAIL,
                new ControlStatusEvent("CM-11", ControlStatus.FAIL, T, 50, failing, null));

        assertThat(message.at("/blocks/0/text/text").asText()).hasSize(SlackMessage.HEADER_MAX).endsWith("…");
        for (JsonNode block : message.get("blocks")) {
            if (block.get("type").asText().equals("section")) {
                assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(SlackMessage.SECTION_MAX);
            }
        }
        assertThat(message.at("/blocks/1/text/text").asText()).startsWith("*<https://vigil.example.com/controls/CM-11|");
        // Whole lines only: those that fit, then how many more there are.
        String resources = message.at("/blocks/2/text/text").asText();
        long listed = resources.lines().filter(l -> l.startsWith("• ")).count();
        assertThat(listed).isBetween(5L, 49L);
        assertThat(resources).endsWith("\n_and " + (50 - listed) + " more_");
    }

    private static FailingResource resource(String key, String reason) {
        return new FailingResource(key, "github.branch_protection", "github.default-branch-admins-enforced", reason,
                "sha256:" + "a".repeat(64), T.minusSeconds(60), null);
    }
}
