package io.dynamis.gateway.routing;

import io.dynamis.core.observability.RoleReadiness;
import io.dynamis.core.shard.ShardAgreement;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The gateway is ready ({@code slot-map} under {@code /q/health/ready}) once it has a slot map the cluster
 * agrees with: item-service shard 0, the owner of the catalog, has answered as shard 0 of the count the
 * gateway routes by ({@link ShardAgreement}; one readiness call waits up to a second for it). Until then it
 * would route by a map nobody confirmed; another shard down later fails only the requests on its slots.
 */
@RoleReadiness
@ApplicationScoped
public class SlotMapReadiness implements HealthCheck {

    private final ShardAgreement shards;

    public SlotMapReadiness(ShardAgreement shards) {
        this.shards = shards;
    }

    @Override
    public HealthCheckResponse call() {
        return shards.readiness("slot-map", 1000, 0);
    }
}
