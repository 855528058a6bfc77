package io.dynamis.core.observability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The service itself, named by {@code quarkus.application.name}: UP whenever it answers HTTP, in liveness
 * and readiness alike. A process opens its port only once every role it plays has started (item-service
 * has replayed its redo log, the stores are open), so it is never reported ready before then.
 */
@Liveness
@Readiness
@ApplicationScoped
public class ServiceCheck implements HealthCheck {

    private final String serviceName;

    public ServiceCheck(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up(serviceName);
    }
}
