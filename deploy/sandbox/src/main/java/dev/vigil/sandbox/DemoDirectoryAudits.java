package dev.vigil.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The tenant's directory audit log as Graph lists it ({@code GET /v1.0/auditLogs/directoryAudits}), holding what the
 * drift scenarios write to it ({@link ProviderEvents}, provider {@code entra-audit}): an authentication method
 * registered or deleted, which Graph has no change notification for. The request's {@code $filter} is applied as
 * Graph applies the parts Vigil sends: {@code activityDateTime ge <time>} and {@code loggedByService eq '<service>'};
 * records come newest first, as Graph lists them. The stub {@code mappings/entra/directory-audits.json} names this
 * transformer ({@value #TRANSFORMER}) and requires the Graph token.
 */
public final class DemoDirectoryAudits implements ResponseDefinitionTransformerV2 {
    static final String TRANSFORMER = "vigil-directory-audits";
    /** How many records are kept: the demo writes a few. */
    static final int KEPT = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SINCE = Pattern.compile("(?i)activityDateTime\\s+ge\\s+([0-9T:.\\-+Z]+)");
    private static final Pattern SERVICE = Pattern.compile("(?i)loggedByService\\s+eq\\s+'([^']*)'");

    private final Deque<ObjectNode> records = new ArrayDeque<>();

    /** Writes one record (a directoryAudit's JSON) to the log; returns its id. */
    String write(String record) {
        ObjectNode node;
        try {
            node = (ObjectNode) JSON.readTree(record);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a directory audit record is not a JSON object: " + e.getMessage(), e);
        }
        synchronized (records) {
            records.addFirst(node);
            while (records.size() > KEPT) {
                records.removeLast();
            }
        }
        return node.path("id").asText();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        QueryParameter filter = event.getRequest().queryParameter("$filter");
        String text = filter.isPresent() ? filter.firstValue() : "";
        Instant since = null;
        Matcher m = SINCE.matcher(text);
        if (m.find()) {
            try {
                since = OffsetDateTime.parse(m.group(1)).toInstant();
            } catch (DateTimeParseException e) {
                return badRequest("Invalid filter clause: '" + m.group(1) + "' is not a DateTimeOffset");
            }
        }
        Matcher s = SERVICE.matcher(text);
        String service = s.find() ? s.group(1).toLowerCase(Locale.ROOT) : null;
        List<ObjectNode> listed = new ArrayList<>();
        synchronized (records) {
            for (ObjectNode r : records) {
                Instant at = Instant.parse(r.path("activityDateTime").asText());
                if ((since == null || !at.isBefore(since))
                        && (service == null || service.equals(r.path("loggedByService").asText().toLowerCase(Locale.ROOT)))) {
                    listed.add(r);
                }
            }
        }
        ObjectNode body = JSON.createObjectNode()
                .put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits");
        ArrayNode value = body.putArray("value");
        listed.forEach(value::add);
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;"
                        + "IEEE754Compatible=false;charset=utf-8")
                .withBody(body.toString()).build();
    }

    private static ResponseDefinition badRequest(String message) {
        JsonNode body = JSON.createObjectNode().set("error", JSON.createObjectNode()
                .put("code", "BadRequest").put("message", message));
        return responseDefinition().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return TRANSFORMER;
    }
}
