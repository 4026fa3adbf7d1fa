package dev.vigil.collector.aws;

import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.evidence.SourceRef;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Base of the collectors of one AWS service that share the account settings ({@code vigil.aws.*}): the source is
 * the account, the schedule and endpoint are the service's own ({@code vigil.collectors.<name>.*}). Subclasses are
 * {@code @Singleton} beans: a client proxy (normal scope) would need a no-argument constructor.
 */
public abstract class AwsCollector implements Collector {
    protected final AwsClients clients;
    protected final VigilConfig.AwsService config;
    private final CollectorInfo info;

    protected AwsCollector(CollectorInfo info, AwsClients clients, VigilConfig.AwsService config) {
        this.info = info;
        this.clients = clients;
        this.config = config;
    }

    @Override
    public CollectorInfo info() {
        return info;
    }

    @Override
    public VigilConfig.Schedule schedule() {
        return config;
    }

    @Override
    public SourceRef source() {
        return clients.source();
    }

    /** Scan factory of a regional collector: a client of one region, the account, the region. */
    @FunctionalInterface
    protected interface ScanFactory<C> {
        RegionalScan<C> create(C client, String accountId, String region);
    }

    /** One service's scan of a region: how its client is built, and the scan. */
    protected record RegionalRead<B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>(
            Supplier<B> builder, ScanFactory<C> scan) {
    }

    protected static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
            RegionalRead<B, C> read(Supplier<B> builder, ScanFactory<C> scan) {
        return new RegionalRead<>(builder, scan);
    }

    /**
     * Runs one scan per account and region read ({@code vigil.aws.accounts}, {@code vigil.aws.regions}), each with
     * its own client; when an account's regions cannot be listed, every resource type of this collector is
     * reported unreadable for it.
     */
    protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> void eachRegion(
            CollectionContext context, Supplier<B> builder, ScanFactory<C> scan) {
        eachRegion(context, read(builder, scan));
    }

    /**
     * As {@link #eachRegion(CollectionContext, Supplier, ScanFactory)} for a collector reading several services in
     * each region: one session, so an account that cannot be read is reported once per resource type.
     */
    protected void eachRegion(CollectionContext context, RegionalRead<?, ?>... reads) {
        try (AwsClients.Session session = clients.session(context, info.resourceTypes())) {
            for (AwsClients.Reader reader : session.readers()) {
                for (String region : clients.regions(config, context, info.resourceTypes(), reader)
                        .orElse(List.of())) {
                    for (RegionalRead<?, ?> read : reads) {
                        scan(read, context, reader, region);
                    }
                }
            }
        }
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> void scan(
            RegionalRead<B, C> read, CollectionContext context, AwsClients.Reader reader, String region) {
        try (C client = clients.client(read.builder().get(), config, Region.of(region), context, reader)) {
            read.scan().create(client, reader.accountId(), region).run(context);
        }
    }

    /**
     * A targeted read in one region of one account (the event's), given a client of that region and the account, as
     * {@link #eachRegion} reads it; a region a full run does not read ({@code vigil.aws.regions}) is not read
     * either, and is no failure.
     */
    protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> void inRegion(
            CollectionContext context, String accountId, String region, String resourceType, String service,
            Supplier<B> builder, java.util.function.BiConsumer<C, String> read) {
        inRegion(context, accountId, region, List.of(resourceType), service, builder, read);
    }

    /**
     * As {@link #inRegion(CollectionContext, String, String, String, String, Supplier, java.util.function.BiConsumer)}
     * for a read of several resource types (a whole region's): an account not read fails each of them.
     */
    protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> void inRegion(
            CollectionContext context, String accountId, String region, List<String> resourceTypes, String service,
            Supplier<B> builder, java.util.function.BiConsumer<C, String> read) {
        if (!clients.readsRegion(region)) {
            org.jboss.logging.Logger.getLogger(getClass()).infof("%s does not read region %s (vigil.aws.regions): "
                    + "nothing to read", info.name(), region);
            return;
        }
        try (AwsClients.Session session = clients.session(context, resourceTypes)) {
            reader(session, context, accountId, resourceTypes, service).ifPresent(reader -> {
                try (C client = clients.client(builder.get(), config, Region.of(region), context, reader)) {
                    read.accept(client, reader.accountId());
                }
            });
        }
    }

    /**
     * A targeted read of one region of one account reading several services there, as {@link
     * #eachRegion(CollectionContext, RegionalRead[])} does: one session (the account's role is assumed once), and an
     * account Vigil does not read fails each of {@code resourceTypes} once.
     */
    protected void inRegion(CollectionContext context, String accountId, String region, List<String> resourceTypes,
                            String service, RegionalRead<?, ?>... reads) {
        if (!clients.readsRegion(region)) {
            org.jboss.logging.Logger.getLogger(getClass()).infof("%s does not read region %s (vigil.aws.regions): "
                    + "nothing to read", info.name(), region);
            return;
        }
        try (AwsClients.Session session = clients.session(context, resourceTypes)) {
            reader(session, context, accountId, resourceTypes, service).ifPresent(reader -> {
                for (RegionalRead<?, ?> read : reads) {
                    scan(read, context, reader, region);
                }
            });
        }
    }

    /**
     * The reader of the account a target names, among the session's; empty, and a failure of {@code resourceType}
     * naming the account, when Vigil does not read it (the event's account passed the queue's allow-list, but the
     * role of that account could not be assumed, or the organisation no longer holds it).
     */
    protected static Optional<AwsClients.Reader> reader(AwsClients.Session session, CollectionContext context,
                                                        String accountId, String resourceType, String service) {
        return reader(session, context, accountId, List.of(resourceType), service);
    }

    /** As {@link #reader(AwsClients.Session, CollectionContext, String, String, String)}, failing each type. */
    protected static Optional<AwsClients.Reader> reader(AwsClients.Session session, CollectionContext context,
                                                        String accountId, List<String> resourceTypes,
                                                        String service) {
        var reader = session.readers().stream().filter(r -> r.accountId().equals(accountId)).findFirst();
        if (reader.isEmpty()) {
            for (String resourceType : resourceTypes) {
                context.failure(new RunFailure(resourceType, "aws:" + accountId + ":" + service,
                        "account " + accountId + " is not one Vigil reads (vigil.aws.*)", null));
            }
        }
        return reader;
    }
}
