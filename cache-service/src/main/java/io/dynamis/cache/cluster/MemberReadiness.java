package io.dynamis.cache.cluster;

import io.dynamis.core.observability.RoleReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** cache-service is ready while its Hazelcast member runs: {@code hazelcast-member} under {@code /q/health/ready}. */
@RoleReadiness
@ApplicationScoped
public class MemberReadiness implements HealthCheck {

    private final CacheCluster cluster;

    public MemberReadiness(CacheCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hazelcast-member").status(cluster.isUp()).build();
    }
}
