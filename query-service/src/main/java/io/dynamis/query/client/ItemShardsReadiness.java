package io.dynamis.query.client;

import io.dynamis.core.observability.RoleReadiness;
import io.dynamis.core.shard.ShardAgreement;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * query-service is ready ({@code item-service-shards} under {@code /q/health/ready}) once it has reached
 * every item-service shard and each agreed with its slot map ({@link ShardAgreement}; one readiness call
 * waits up to a second for those not reached yet): a Scan reads them all, and read-after-write waits on
 * each shard's durable sequence. Once reached it stays ready: a shard down later fails the requests on its
 * slots (503), not the process.
 */
@RoleReadiness
@ApplicationScoped
public class ItemShardsReadiness implements HealthCheck {

    private final ShardAgreement shards;

    public ItemShardsReadiness(ShardAgreement shards) {
        this.shards = shards;
    }

    @Override
    public HealthCheckResponse call() {
        return shards.readiness("item-service-shards", 1000);
    }
}
