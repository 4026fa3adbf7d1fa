package dev.vigil.report.upload;

import dev.vigil.common.store.EvidenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the evidence store does not answer: uploads could not be kept and bundles
 * could not include raw responses. PostgreSQL and Kafka have
 * their own checks (Quarkus' datasource and messaging health), so {@code /q/health/ready} names each dependency.
 */
@Readiness
@ApplicationScoped
public class EvidenceStoreReadiness implements HealthCheck {
    @Inject
    EvidenceStore store;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("evidence store").withData("location",
                store.location());
        return store.unreachable().map(why -> check.down().withData("error", why)).orElseGet(check::up).build();
    }
}
