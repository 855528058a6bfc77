package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.shard.ShardAgreement;
import io.dynamis.core.shard.SlotMap;
import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisDescribeShard}, internal: which shard of how many this item-service is ({@code {"Shard",
 * "Shards", "Slots"}}), as its data folder records it (checked at start). Callers compare it with their own
 * slot map before they call themselves ready (core's {@link ShardAgreement}).
 */
@ApplicationScoped
public class DescribeShard implements Operation {

    private final ItemServiceConfig config;

    public DescribeShard(ItemServiceConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return ShardAgreement.DESCRIBE_SHARD;
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        return CompletableFuture.completedFuture(Json.object().put("Shard", config.shard()).put("Shards", config.shards())
                .put("Slots", SlotMap.SLOTS));
    }
}
