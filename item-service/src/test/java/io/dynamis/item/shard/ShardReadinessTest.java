package io.dynamis.item.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.shard.SlotMap;
import io.dynamis.item.config.ItemServiceConfig;
import java.lang.reflect.Proxy;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ShardReadinessTest {

    private static ItemServiceConfig config(int shard, int shards) {
        return (ItemServiceConfig) Proxy.newProxyInstance(ItemServiceConfig.class.getClassLoader(),
                new Class<?>[] {ItemServiceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "shard" -> shard;
                    case "shards" -> shards;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void downUntilTheRoleHasStartedWithItsSlotsHeld() {
        ShardReadiness readiness = new ShardReadiness(config(1, 2));
        HealthCheckResponse starting = readiness.call();
        assertEquals(HealthCheckResponse.Status.DOWN, starting.getStatus(), "before the store is open and the slots held");
        assertEquals("item-shard", starting.getName());

        ShardOwnership.hold(SlotMap.contiguous(1), 0);
        readiness.onStart(new RoleStart(Role.ITEM));
        HealthCheckResponse ready = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals(1L, ready.getData().orElseThrow().get("shard"));
        assertEquals(2L, ready.getData().orElseThrow().get("shards"));
    }
}
