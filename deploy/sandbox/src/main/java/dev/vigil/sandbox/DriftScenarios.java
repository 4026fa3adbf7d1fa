package dev.vigil.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.common.TextFile;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import java.util.ArrayList;
import java.util.Collections;
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
 * <p>Switched over HTTP on the sandbox's own port: {@code GET /__vigil/drift} lists the scenarios and whether each
 * is on, {@code POST /__vigil/drift/<name>} switches one on, {@code DELETE /__vigil/drift/<name>} off,
 * {@code DELETE /__vigil/drift} all off. Unknown names answer 404.
 */
public final class DriftScenarios implements ResponseDefinitionTransformerV2 {
    public static final String PATH = "/__vigil/drift";
    static final String FOLDER = "drift";
    static final String TRANSFORMER = "vigil-drift";

    /** scenario name → the JSON of its mapping files, read once at start. */
    private final SortedMap<String, List<String>> stubs;
    /** scenario name → the stubs it added while on. */
    private final Map<String, List<StubMapping>> active = new TreeMap<>();
    private WireMockServer server;

    private DriftScenarios(SortedMap<String, List<String>> stubs) {
        this.stubs = stubs;
    }

    /** Reads every {@code drift/<name>/*.json} under the sandbox's root (a folder or the classpath). */
    static DriftScenarios load(FileSource root) {
        SortedMap<String, List<String>> stubs = new TreeMap<>();
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
                stubs.computeIfAbsent(afterFolder.substring(0, slash), k -> new ArrayList<>())
                        .add(file.readContentsAsString());
            }
        }
        return new DriftScenarios(stubs);
    }

    /** Serves the switch on {@value #PATH} from the started server. */
    synchronized void attach(WireMockServer server) {
        this.server = server;
        server.stubFor(WireMock.any(WireMock.urlPathMatching(PATH.replace("/", "\\/") + "(/[^/]*)?"))
                .atPriority(1)
                .willReturn(WireMock.aResponse().withTransformers(TRANSFORMER)));
    }

    /** The scenarios' names, sorted. */
    public List<String> names() {
        return List.copyOf(stubs.keySet());
    }

    public synchronized boolean isOn(String name) {
        return active.containsKey(name);
    }

    /** Adds the scenario's stubs (nothing when it is already on). */
    public synchronized void switchOn(String name) {
        List<String> mappings = known(name);
        if (active.containsKey(name)) {
            return;
        }
        List<StubMapping> added = new ArrayList<>();
        for (String json : mappings) {
            StubMapping stub = StubMapping.buildFrom(json); // a fresh id each time
            server.addStubMapping(stub);
            added.add(stub);
        }
        active.put(name, added);
    }

    /** Removes the scenario's stubs (nothing when it is off). */
    public synchronized void switchOff(String name) {
        known(name);
        for (StubMapping stub : active.getOrDefault(name, Collections.emptyList())) {
            server.removeStubMapping(stub.getId());
        }
        active.remove(name);
    }

    public synchronized void switchAllOff() {
        for (String name : List.copyOf(active.keySet())) {
            switchOff(name);
        }
    }

    private List<String> known(String name) {
        List<String> mappings = stubs.get(name);
        if (mappings == null) {
            throw new IllegalArgumentException("no drift scenario named " + name + "; known: " + names());
        }
        return mappings;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String path = event.getRequest().getUrl();
        int query = path.indexOf('?');
        String name = (query < 0 ? path : path.substring(0, query)).substring(PATH.length());
        name = name.startsWith("/") ? name.substring(1) : name;
        try {
            if (name.isEmpty()) {
                return switch (method) {
                    case "GET" -> json(200, list());
                    case "DELETE" -> {
                        switchAllOff();
                        yield json(200, list());
                    }
                    default -> json(405, "{\"error\": \"GET or DELETE " + PATH + "\"}");
                };
            }
            switch (method) {
                case "POST", "PUT" -> switchOn(name);
                case "DELETE" -> switchOff(name);
                case "GET" -> known(name);
                default -> {
                    return json(405, "{\"error\": \"GET, POST or DELETE " + PATH + "/<scenario>\"}");
                }
            }
            return json(200, one(name));
        } catch (IllegalArgumentException e) {
            return json(404, "{\"error\": \"" + escape(e.getMessage()) + "\"}");
        }
    }

    private synchronized String list() {
        List<String> items = new ArrayList<>();
        for (String name : stubs.keySet()) {
            items.add(one(name));
        }
        return "{\"scenarios\": [" + String.join(", ", items) + "]}";
    }

    private synchronized String one(String name) {
        return "{\"name\": \"" + escape(name) + "\", \"on\": " + isOn(name) + ", \"stubs\": " + stubs.get(name).size() + "}";
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
