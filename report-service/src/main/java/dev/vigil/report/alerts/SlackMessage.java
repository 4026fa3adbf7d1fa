package dev.vigil.report.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.catalogue.ControlDefinition;
import dev.vigil.common.evidence.ControlStatusEvent;
import dev.vigil.common.evidence.FailingResource;
import dev.vigil.report.format.DisplayFormat;
import dev.vigil.report.format.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The Slack Block Kit message of an alert (plain Java, no I/O): a header, a section with the control (linked to its
 * page), the transition and since when, a section with the first failing resources and their reasons, and a
 * context line; {@code text} is the fallback notifications show. Everything that comes from data is escaped for
 * Slack's mrkdwn and cut to Block Kit's limits.
 */
public final class SlackMessage {
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int REASON_MAX = 300;
    static final int KEY_MAX = 200;
    private static final int MORE_RESERVE = 40;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final URI publicBaseUrl;
    private final int maxResources;
    private final Duration notEvaluatedAfter;

    /**
     * @param publicBaseUrl where people reach the dashboard; a control's page is {@code <base>/controls/<id>}
     * @param maxResources  failing resources listed before "and N more"
     */
    public SlackMessage(URI publicBaseUrl, int maxResources, Duration notEvaluatedAfter) {
        if (maxResources < 0) {
            throw new IllegalArgumentException("vigil.alerts.max-failing-resources must not be negative");
        }
        this.publicBaseUrl = publicBaseUrl;
        this.maxResources = maxResources;
        this.notEvaluatedAfter = notEvaluatedAfter;
    }

    public String controlPage(String controlId) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/controls/" + controlId;
    }

    /** The message for {@code transition}, caused by {@code event}, about {@code control}. */
    public ObjectNode build(ControlDefinition control, Transition transition, ControlStatusEvent event) {
        String id = control.id();
        String page = controlPage(id);
        String since = DisplayFormat.when(event.evaluatedAt());
        String headline = switch (transition) {
            case PASS_TO_FAIL -> id + " is failing: " + control.title();
            case FAIL_TO_PASS -> id + " passes again: " + control.title();
            case NOT_EVALUATED -> id + " not evaluated for over " + Durations.human(notEvaluatedAfter) + ": "
                    + control.title();
            case REVIEW_REMINDER, REVIEW_OVERDUE -> throw notAStatusChange(transition);
        };
        String statusLine = switch (transition) {
            case PASS_TO_FAIL, FAIL_TO_PASS -> "*" + transition.label() + "* since " + since;
            case NOT_EVALUATED -> "*NOT_EVALUATED* since " + since;
            case REVIEW_REMINDER, REVIEW_OVERDUE -> throw notAStatusChange(transition);
        };

        ObjectNode message = JSON.objectNode();
        message.put("text", cut(headline + " (" + transition.label() + " since " + since + ") " + page, SECTION_MAX));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header(emoji(transition) + " " + headline));
        blocks.add(section("*<" + page + "|" + escape(id + " · " + control.title()) + ">*\n" + statusLine + "\n"
                + escape(detail(transition, event))));
        if (transition == Transition.PASS_TO_FAIL && event.failingResourceCount() > 0) {
            blocks.add(section(failingResources(event.failingResources(), event.failingResourceCount())));
        }
        ObjectNode context = JSON.objectNode().put("type", "context");
        context.putArray("elements").add(mrkdwn("Category " + escape(control.category() + " · "
                + control.categoryName()) + " · <" + page + "|Open in Vigil>"));
        blocks.add(context);
        return message;
    }

    private static String emoji(Transition t) {
        return switch (t) {
            case PASS_TO_FAIL -> ":red_circle:";
            case FAIL_TO_PASS -> ":large_green_circle:";
            case NOT_EVALUATED -> ":warning:";
            case REVIEW_REMINDER -> ":memo:";
            case REVIEW_OVERDUE -> ":alarm_clock:";
        };
    }

    private static IllegalArgumentException notAStatusChange(Transition t) {
        return new IllegalArgumentException(t + " is a notice, built by notice(...), not a status change");
    }

    /** A page of the dashboard, e.g. {@code /reviews}. */
    public String page(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /**
     * A notice that is not a status change (an access review's reminder or overdue notice): a header, the lines as
     * given (already mrkdwn; data in them escaped with {@link #escape}), and a link to the page to act on.
     */
    public ObjectNode notice(Transition kind, String headline, List<String> lines, String link, String linkText) {
        ObjectNode message = JSON.objectNode();
        message.put("text", cut(headline + " " + link, SECTION_MAX));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header(emoji(kind) + " " + headline));
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            if (body.length() + line.length() + 1 > SECTION_MAX - MORE_RESERVE) {
                body.append("\n_and more_");
                break;
            }
            body.append(body.length() == 0 ? "" : "\n").append(line);
        }
        blocks.add(section(body.toString()));
        ObjectNode context = JSON.objectNode().put("type", "context");
        context.putArray("elements").add(mrkdwn("<" + link + "|" + escape(linkText) + ">"));
        blocks.add(context);
        return message;
    }

    private static String detail(Transition transition, ControlStatusEvent event) {
        int failing = event.failingResourceCount(); // the event may list only the first of them
        return switch (transition) {
            case PASS_TO_FAIL -> failing + " of " + event.resourcesInScope() + " resources in scope "
                    + (failing == 1 ? "fails" : "fail") + ".";
            case FAIL_TO_PASS -> "All " + event.resourcesInScope() + " resources in scope pass.";
            case NOT_EVALUATED -> "Reason: " + (event.reason() == null || event.reason().isBlank()
                    ? "not given" : cut(event.reason(), REASON_MAX));
            case REVIEW_REMINDER, REVIEW_OVERDUE -> throw notAStatusChange(transition);
        };
    }

    /**
     * Up to maxResources lines, fewer if the section would pass Slack's limit; the rest of the {@code total} (the
     * event lists only the first) are "and N more".
     */
    private String failingResources(List<FailingResource> resources, int total) {
        StringBuilder s = new StringBuilder("*Failing resources*");
        int shown = 0;
        for (FailingResource r : resources.subList(0, Math.min(maxResources, resources.size()))) {
            String line = "\n• `" + escape(cut(r.resourceKey(), KEY_MAX)).replace("`", "'") + "`: "
                    + escape(cut(r.reason() == null ? r.ruleId() : r.reason(), REASON_MAX));
            if (s.length() + line.length() > SECTION_MAX - MORE_RESERVE) {
                break;
            }
            s.append(line);
            shown++;
        }
        if (total > shown) {
            s.append("\n_and ").append(total - shown).append(" more_");
        }
        return s.toString();
    }

    private static ObjectNode header(String text) {
        ObjectNode header = JSON.objectNode().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(text, HEADER_MAX)).put("emoji", true);
        return header;
    }

    private static ObjectNode section(String mrkdwn) {
        return JSON.objectNode().put("type", "section").set("text", mrkdwn(cut(mrkdwn, SECTION_MAX)));
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.objectNode().put("type", "mrkdwn").put("text", text);
    }

    /** Slack's mrkdwn escaping: only these three characters have control meaning. */
    public static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
