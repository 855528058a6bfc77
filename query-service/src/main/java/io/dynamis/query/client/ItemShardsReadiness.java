package io.dynamis.query.client;

import io.dynamis.core.observability.RoleReadiness;
import io.dynamis.core.shard.ShardAgreement;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * query-service is ready ({@code item-service-shards} under {@code /q/health/ready}) once it has reached
 * every item-service shard and each agreed with its slot map ({@link ShardAgreement}): a Scan reads them
 * all, and read-after-write waits on each shard's durable sequence. Once reached it stays ready: a shard
 * down later fails the requests on its slots (503), not the process.
 */
@RoleReadiness
@ApplicationScoped
public class ItemShardsReadiness implements HealthCheck {

    /** How long one readiness call waits for shards not reached yet. */
    private static final long WAIT_MILLIS = 1000;

    private final ShardAgreement shards;

    public ItemShardsReadiness(ShardAgreement shards) {
        this.shards = shards;
    }

    @Override
    public HealthCheckResponse call() {
        boolean all = shards.agree(WAIT_MILLIS);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("item-service-shards").status(all);
        for (int shard = 0; shard < shards.shardCount(); shard++) {
            response.withData("shard " + shard, shards.state(shard));
        }
        return response.build();
    }
}
