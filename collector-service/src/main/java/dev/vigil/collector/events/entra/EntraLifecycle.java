package dev.vigil.collector.events.entra;

import dev.vigil.collector.entra.EntraIdUsersCollector;
import dev.vigil.collector.events.Subscriptions;
import dev.vigil.collector.run.CollectionRunner;
import dev.vigil.collector.spi.Collector;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What Graph's lifecycle notifications ask for, done: a renewal now, a new subscription, or (notifications were
 * missed) a run of everything of {@code entra-id-users}, which the runner does not start twice at once.
 */
@ApplicationScoped
public class EntraLifecycle implements EntraReceiver.Lifecycle {
    private static final Logger LOG = Logger.getLogger(EntraLifecycle.class);

    private final Subscriptions subscriptions;
    private final CollectionRunner runner;

    public EntraLifecycle(Subscriptions subscriptions, CollectionRunner runner) {
        this.subscriptions = subscriptions;
        this.runner = runner;
    }

    @Override
    public void reauthorize(String subscriptionId) {
        LOG.infof("Graph asks to reauthorize subscription %s: renewing it now", subscriptionId);
        subscriptions.renewNow(EntraUsersSubscription.NAME);
    }

    @Override
    public void removed(String subscriptionId) {
        LOG.warnf("Graph removed subscription %s: making a new one", subscriptionId);
        subscriptions.recreate(EntraUsersSubscription.NAME);
    }

    @Override
    public void missed(String subscriptionId) {
        LOG.warnf("Graph missed notifications of subscription %s: reading every user", subscriptionId);
        runner.find(EntraIdUsersCollector.NAME).filter(Collector::enabled).ifPresent(runner::start);
    }
}
