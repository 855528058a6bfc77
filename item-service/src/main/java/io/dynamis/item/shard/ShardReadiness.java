package io.dynamis.item.shard;

import io.dynamis.core.observability.RoleReadiness;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.item.config.ItemServiceConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * item-service is ready ({@code item-shard} under {@code /q/health/ready}) once its role has started: the
 * store opened with its redo log replayed, the shard checked against its data folder and its slots held
 * ({@link ShardMembership}), the catalog and the change log's relay running. Before that (while replaying a
 * long redo log) it is DOWN, with what it waits for.
 */
@RoleReadiness
@ApplicationScoped
public class ShardReadiness implements HealthCheck {

    private final ItemServiceConfig config;
    private volatile boolean started;

    public ShardReadiness(ItemServiceConfig config) {
        this.config = config;
    }

    /** After every other start of the role (they run at the default priority or earlier). */
    void onStart(@Observes @Priority(Integer.MAX_VALUE) @Plays(Role.ITEM) RoleStart event) {
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        boolean holds = ShardOwnership.holds();
        return HealthCheckResponse.named("item-shard")
                .status(started && holds)
                .withData("shard", config.shard())
                .withData("shards", config.shards())
                .withData("state", started && holds ? "serving its slots"
                        : holds ? "starting" : "replaying its redo log and checking its shard")
                .build();
    }
}
