package dev.vigil.collector.spi;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.common.evidence.SourceRef;

import java.util.List;

/**
 * One source of evidence: a CDI bean that reads a provider's API and hands normalised facts to the
 * {@link CollectionContext}. Adding a collector means adding one class (and its tests); the runner finds it.
 *
 * <p>A collector never judges what it reads (that is the evaluator's job) and never turns an API failure into
 * empty evidence: what it could not read it reports with {@link CollectionContext#failure}.
 */
public interface Collector {
    /** Name, version, provider, resource types and permissions: fixed for the class. */
    CollectorInfo info();

    default String name() {
        return info().name();
    }

    default String version() {
        return info().version();
    }

    default String provider() {
        return info().provider();
    }

    /** Every resource type a complete run of this collector vouches for. */
    default List<String> resourceTypes() {
        return info().resourceTypes();
    }

    /** The provider permissions a read-only credential needs, as run failures name them. */
    default List<String> permissions() {
        return info().permissions().stream().map(Permission::description).toList();
    }

    /** Its {@code vigil.collectors.<name>.enabled} and {@code .every} settings. */
    VigilConfig.Schedule schedule();

    default boolean enabled() {
        return schedule().enabled();
    }


    /** The account, organisation or tenant this collector reads. */
    SourceRef source();

    /**
     * Reads everything and reports it through the context. An exception means the run could not go on; what
     * was published before it stays published, and the run ends PARTIAL or FAILED.
     */
    void collect(CollectionContext context) throws Exception;
}
