package dev.vigil.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.common.TextFile;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Drift scenarios: named sets of stubs that change the demo organisation while the sandbox runs (docs/sandbox.md,
 * "Drift scenarios"). Each scenario is a folder {@code drift/<name>/} of WireMock mapping files next to
 * {@code mappings/} (bodies under {@code __files/drift/}); they are not loaded at start. Switching a scenario on
 * adds its stubs (priority 1, above the ground truth's stubs and their 304 twins), switching it off removes them.
 *
 * <p>A scenario may also declare the events its provider sends when the change happens (and when it is undone):
 * {@code drift/<name>/events/on/*.json} and {@code .../off/*.json}, sent by {@link ProviderEvents} right after the
 * stubs change, so a collector-service with its receivers on sees the change within seconds, as it would in
 * production, without a collection started by hand.
 *
 * <p>Switched over HTTP on the sandbox's own port: {@code GET /__vigil/drift} lists the scenarios and whether each
 * is on, {@code POST /__vigil/drift/<name>} switches one on, {@code DELETE /__vigil/drift/<name>} off,
 * {@code DELETE /__vigil/drift} all off; a switch answers with the events it sent ({@code delivered}). Unknown names
 * answer 404. {@code GET /__vigil/deliveries} lists the events sent lately, with their outcome.
 */
public final class DriftScenarios implements ResponseDefinitionTransformerV2 {
    public static final String PATH = "/__vigil/drift";
    public static final String DELIVERIES_PATH = "/__vigil/deliveries";
    static final String FOLDER = "drift";
    static final String EVENTS = "events";
    static final String TRANSFORMER = "vigil-drift";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scenario's stubs and the events sent when it is switched on and off (the files' JSON), read at start. */
    private record Scenario(List<String> stubs, SortedMap<String, String> eventsOn, SortedMap<String, String> eventsOff) {
        Scenario() {
            this(new ArrayList<>(), new TreeMap<>(), new TreeMap<>()); // events by file name: sent in that order
        }
    }

    private final SortedMap<String, Scenario> scenarios;
    /** scenario name → the stubs it added while on. */
    private final Map<String, List<StubMapping>> active = new TreeMap<>();
    private WireMockServer server;
    private ProviderEvents events;

    private DriftScenarios(SortedMap<String, Scenario> scenarios) {
        this.scenarios = scenarios;
    }

    /**
     * Reads every {@code drift/<name>/*.json} (stubs) and {@code drift/<name>/events/{on,off}/*.json} (events) under
     * the sandbox's root (a folder or the classpath).
     */
    static DriftScenarios load(FileSource root) {
        SortedMap<String, Scenario> scenarios = new TreeMap<>();
        FileSource folder = root.child(FOLDER);
        if (folder.exists()) {
            for (TextFile file : folder.listFilesRecursively()) {
                String uri = file.getPath().replace('\\', '/'); // a file path, or file:/...jar!/sandbox/drift/...
                if (!uri.endsWith(".json")) {
                    continue;
                }
                String afterFolder = uri.substring(uri.lastIndexOf("/" + FOLDER + "/") + FOLDER.length() + 2);
                int slash = afterFolder.indexOf('/');
                if (slash <= 0) {
                    continue; // a file directly in drift/ belongs to no scenario
                }
                Scenario scenario = scenarios.computeIfAbsent(afterFolder.substring(0, slash), k -> new Scenario());
                String inScenario = afterFolder.substring(slash + 1);
                if (inScenario.startsWith(EVENTS + "/on/")) {
                    scenario.eventsOn().put(inScenario, file.readContentsAsString());
                } else if (inScenario.startsWith(EVENTS + "/off/")) {
                    scenario.eventsOff().put(inScenario, file.readContentsAsString());
                } else if (!inScenario.startsWith(EVENTS + "/")) {
                    scenario.stubs().add(file.readContentsAsString());
                }
            }
        }
        return new DriftScenarios(scenarios);
    }

    /** Serves the switch on {@value #PATH} and the deliveries on {@value #DELIVERIES_PATH} from the started server. */
    synchronized void attach(WireMockServer server, ProviderEvents events) {
        this.server = server;
        this.events = events;
        server.stubFor(WireMock.any(WireMock.urlPathMatching(PATH.replace("/", "\\/") + "(/[^/]*)?"))
                .atPriority(1)
                .willReturn(WireMock.aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo(DELIVERIES_PATH))
                .atPriority(1)
                .willReturn(WireMock.aResponse().withTransformers(TRANSFORMER)));
    }

    /** The scenarios' names, sorted. */
    public List<String> names() {
        return List.copyOf(scenarios.keySet());
    }

    public synchronized boolean isOn(String name) {
        return active.containsKey(name);
    }

    /**
     * Adds the scenario's stubs and sends the events its providers send for the change; nothing when it is already
     * on. Returns the events sent.
     */
    public synchronized List<ProviderEvents.Delivery> switchOn(String name) {
        Scenario scenario = known(name);
        if (active.containsKey(name)) {
            return List.of();
        }
        List<StubMapping> added = new ArrayList<>();
        for (String json : scenario.stubs()) {
            StubMapping stub = StubMapping.buildFrom(json); // a fresh id each time
            server.addStubMapping(stub);
            added.add(stub);
        }
        active.put(name, added);
        return events.send(name, List.copyOf(scenario.eventsOn().values()));
    }

    /** Removes the scenario's stubs and sends the events that undo it; nothing when it is off. Returns the events sent. */
    public synchronized List<ProviderEvents.Delivery> switchOff(String name) {
        Scenario scenario = known(name);
        List<StubMapping> added = active.remove(name);
        if (added == null) {
            return List.of();
        }
        for (StubMapping stub : added) {
            server.removeStubMapping(stub.getId());
        }
        return events.send(name, List.copyOf(scenario.eventsOff().values()));
    }

    public synchronized List<ProviderEvents.Delivery> switchAllOff() {
        List<ProviderEvents.Delivery> sent = new ArrayList<>();
        for (String name : List.copyOf(active.keySet())) {
            sent.addAll(switchOff(name));
        }
        return sent;
    }

    private Scenario known(String name) {
        Scenario scenario = scenarios.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("no drift scenario named " + name + "; known: " + names());
        }
        return scenario;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String path = event.getRequest().getUrl();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.equals(DELIVERIES_PATH)) {
            return json(200, "{\"deliveries\": " + deliveries(events.recent()) + "}");
        }
        String name = path.substring(PATH.length());
        name = name.startsWith("/") ? name.substring(1) : name;
        try {
            if (name.isEmpty()) {
                return switch (method) {
                    case "GET" -> json(200, list());
                    case "DELETE" -> {
                        List<ProviderEvents.Delivery> sent = switchAllOff();
                        yield json(200, appendDelivered(list(), sent));
                    }
                    default -> json(405, "{\"error\": \"GET or DELETE " + PATH + "\"}");
                };
            }
            return switch (method) {
                case "GET" -> {
                    known(name);
                    yield json(200, one(name));
                }
                // the switch runs first (an argument), so the scenario is described as it left it
                case "POST", "PUT" -> json(200, withDelivered(switchOn(name), name));
                case "DELETE" -> json(200, withDelivered(switchOff(name), name));
                default -> json(405, "{\"error\": \"GET, POST or DELETE " + PATH + "/<scenario>\"}");
            };
        } catch (IllegalArgumentException e) {
            return json(404, "{\"error\": \"" + escape(e.getMessage()) + "\"}");
        }
    }

    /** The scenario as {@link #one} describes it, with the events its switch sent. */
    private String withDelivered(List<ProviderEvents.Delivery> sent, String name) {
        return appendDelivered(one(name), sent);
    }

    /** A JSON object's text with {@code "delivered": [...]} added as its last member. */
    private static String appendDelivered(String object, List<ProviderEvents.Delivery> sent) {
        return object.substring(0, object.lastIndexOf('}')) + ", \"delivered\": " + deliveries(sent) + "}";
    }

    private synchronized String list() {
        List<String> items = new ArrayList<>();
        for (String name : scenarios.keySet()) {
            items.add(one(name));
        }
        return "{\"scenarios\": [" + String.join(", ", items) + "]}";
    }

    private synchronized String one(String name) {
        Scenario scenario = scenarios.get(name);
        return "{\"name\": \"" + escape(name) + "\", \"on\": " + isOn(name) + ", \"stubs\": " + scenario.stubs().size()
                + ", \"events\": " + (scenario.eventsOn().size() + scenario.eventsOff().size()) + "}";
    }

    private static String deliveries(List<ProviderEvents.Delivery> sent) {
        return JSON.valueToTree(sent.stream().map(d -> Map.of(
                "scenario", d.scenario(), "provider", d.provider(), "eventType", d.eventType(),
                "deliveryId", d.deliveryId(), "sentAt", d.sentAt().toString(), "status", d.status(),
                "outcome", d.outcome())).toList()).toString();
    }

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body + "\n").build();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
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
