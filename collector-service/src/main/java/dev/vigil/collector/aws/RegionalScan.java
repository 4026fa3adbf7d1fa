package dev.vigil.collector.aws;

import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;

/**
 * Reads one service in one region of one account through a client of that region, whose raw responses are kept
 * under the region (see {@link SdkCaptureInterceptor}).
 */
public abstract class RegionalScan<C> {
    protected final C client;
    protected final String accountId;
    protected final String region;

    protected RegionalScan(C client, String accountId, String region) {
        this.client = client;
        this.accountId = accountId;
        this.region = region;
    }

    /** Publishes what it read and reports what it could not. */
    public abstract void run(CollectionContext context);

    /** {@code aws:<account>:<service>:<region>[:<resource>]}. */
    protected String key(String service, String resource) {
        return "aws:" + accountId + ":" + service + ":" + region + (resource == null ? "" : ":" + resource);
    }

    /** The latest response of {@code operation} in this region (for a paginated call: the page just read). */
    protected RawResponse raw(CollectionContext context, String operation, String resource) {
        return context.raw().get(SdkCaptureInterceptor.key(region, operation, resource)).orElse(null);
    }
}
