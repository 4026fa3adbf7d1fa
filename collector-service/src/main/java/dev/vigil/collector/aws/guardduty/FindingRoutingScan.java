package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads where one region's GuardDuty findings go: the rules of the default event bus whose pattern catches them
 * (GuardDuty publishes findings there, in the region of the detector) and each one's targets. A region with no such
 * rule is a fact ({@code rules: []}): findings are raised and nobody is told.
 */
final class FindingRoutingScan extends RegionalScan<EventBridgeClient> {
    static final String ROUTING = "aws.guardduty.finding-routing";
    static final String PERMISSION_RULES = "events:ListRules";
    static final String PERMISSION_TARGETS = "events:ListTargetsByRule";

    /** {@code events} is a client of {@code region}. */
    FindingRoutingScan(EventBridgeClient events, String accountId, String region) {
        super(events, accountId, region);
    }

    @Override
    public void run(CollectionContext context) {
        String key = key("guardduty-finding-routing", null);
        List<Provenance.Citation> read = new ArrayList<>();
        List<Rule> catching = new ArrayList<>();
        RawResponse firstPage = null;
        String token = null;
        do {
            String page = token;
            var answer = AwsErrors.read(context, ROUTING, key, "list the EventBridge rules of " + region,
                    PERMISSION_RULES, () -> client.listRules(r -> r.nextToken(page)));
            if (answer.isEmpty()) {
                return;
            }
            ListRulesResponse rules = answer.get();
            if (page == null) {
                firstPage = raw(context, "ListRules", null);
            } else {
                cite(context, "ListRules", Map.of("NextToken", page), read);
            }
            rules.rules().stream().filter(r -> FindingPatterns.catchesGuardDutyFindings(r.eventPattern()))
                    .forEach(catching::add);
            token = rules.nextToken();
        } while (token != null && !token.isEmpty());

        List<Map<String, Object>> routes = new ArrayList<>();
        for (Rule rule : catching) {
            List<Target> targets = new ArrayList<>();
            String next = null;
            try {
                do {
                    String page = next;
                    ListTargetsByRuleResponse answer = client.listTargetsByRule(r -> r.rule(rule.name())
                            .nextToken(page));
                    cite(context, "ListTargetsByRule", Map.of("Rule", rule.name()), read);
                    targets.addAll(answer.targets());
                    next = answer.nextToken();
                } while (next != null && !next.isEmpty());
            } catch (SdkException e) {
                context.failure(AwsErrors.failure(ROUTING, key, "list the targets of EventBridge rule " + rule.name()
                        + " in " + region, PERMISSION_TARGETS, e));
                return;
            }
            routes.add(route(rule, targets));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("region", region);
        facts.put("rules", routes);
        context.evidence(ROUTING, key, facts, context.provenance("events:ListRules", Map.of("Region", region),
                firstPage, read));
    }

    private void cite(CollectionContext context, String operation, Map<String, String> parameters,
                      List<Provenance.Citation> read) {
        RawResponse raw = raw(context, operation, null);
        if (raw != null) {
            read.add(raw.cite("events:" + operation, parameters));
        }
    }

    private static Map<String, Object> route(Rule rule, List<Target> targets) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("name", rule.name());
        route.put("state", rule.stateAsString());
        route.put("eventPattern", rule.eventPattern());
        // what a target is (SNS topic, Lambda function, queue…) is in its ARN; inputs may carry secrets and are not kept
        route.put("targets", targets.stream().map(Target::arn).sorted().toList());
        return route;
    }
}
