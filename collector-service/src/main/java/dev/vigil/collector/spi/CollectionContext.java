package dev.vigil.collector.spi;

import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;

import java.util.List;
import java.util.Map;

/** What a collector talks to during one run. Implementations are thread-safe. */
public interface CollectionContext {
    String runId();

    /** Publishes one observed resource; facts are redacted before they leave. */
    void evidence(String resourceType, String resourceKey, Map<String, Object> facts, Provenance provenance);

    /** Records something that could not be read; the run then cannot end COMPLETED. */
    void failure(RunFailure failure);

    /** Raw responses captured during this run (redacted and stored in the evidence store). */
    RawResponses raw();

    /** Provenance for facts read from {@code response}, stamped with this collector's name and version. */
    Provenance provenance(String operation, Map<String, String> parameters, RawResponse response);

    /** As above, for facts also read from other answers, each cited ({@link RawResponse#cite}). */
    default Provenance provenance(String operation, Map<String, String> parameters, RawResponse response,
                                  List<Provenance.Citation> supporting) {
        Provenance main = provenance(operation, parameters, response);
        return new Provenance(main.operation(), main.parameters(), main.etag(), main.responseSha256(),
                main.collector(), main.collectorVersion(), supporting);
    }
}
