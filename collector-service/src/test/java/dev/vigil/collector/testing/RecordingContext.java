package dev.vigil.collector.testing;

import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.EvidenceStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what a collector reports, for unit tests that run a collector's logic without Kafka. */
public final class RecordingContext implements CollectionContext {
    public record Item(String resourceType, String resourceKey, Map<String, Object> facts, Provenance provenance) {
    }

    public final List<Item> evidence = new ArrayList<>();
    public final List<RunFailure> failures = new ArrayList<>();
    private final RawResponses raw;

    public RecordingContext(Path storeRoot) {
        this.raw = new RawResponses(EvidenceStore.folder(storeRoot));
    }

    public Map<String, Item> byKey() {
        Map<String, Item> map = new LinkedHashMap<>();
        evidence.forEach(i -> map.put(i.resourceKey(), i));
        return map;
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public synchronized void evidence(String resourceType, String resourceKey, Map<String, Object> facts,
                                      Provenance provenance) {
        evidence.add(new Item(resourceType, resourceKey, facts, provenance));
    }

    @Override
    public synchronized void failure(RunFailure failure) {
        failures.add(failure);
    }

    @Override
    public RawResponses raw() {
        return raw;
    }

    @Override
    public Provenance provenance(String operation, Map<String, String> parameters, RawResponse response) {
        return new Provenance(operation, parameters, response == null ? null : response.etag(),
                response == null ? null : response.sha256(), "test-collector", "0");
    }
}
