package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.client.Backend;
import io.dynamis.cache.client.BackendClient;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.cache.store.CacheWork;
import io.dynamis.cache.store.ItemCache;
import io.dynamis.core.cache.CachedGetItem;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.GetItemRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetItem through the accelerator: answered from the item cache when it holds the key (the whole item,
 * projected here, or "no such item"); otherwise the whole item is read from item-service, cached, and
 * projected. A strongly consistent read goes straight to item-service, uncached, as with DAX.
 */
@ApplicationScoped
public class GetItem implements Operation {

    private final ItemCache items;
    private final BackendClient backends;
    private final CacheMetrics metrics;
    private final CacheWork work;

    public GetItem(ItemCache items, BackendClient backends, CacheMetrics metrics, CacheWork work) {
        this.items = items;
        this.backends = backends;
        this.metrics = metrics;
        this.work = work;
    }

    @Override
    public String name() {
        return "GetItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        GetItemRequest request = GetItemRequest.parse(json);
        if (request.consistent()) {
            metrics.bypass(CacheMetrics.Cache.ITEM);
            return backends.send(Backend.ITEM, name(), json);
        }
        String table = request.tableName();
        Projection projection = request.projection();
        String capacityMode = request.capacityMode();
        String cacheKey = CacheKeys.item(request.key());
        return items.lookupAsync(table, cacheKey).thenCompose(cached -> {
            if (cached.hit()) {
                metrics.hit(CacheMetrics.Cache.ITEM);
                return CompletableFuture.completedFuture(CachedGetItem.answer(table, cached.item(), projection, capacityMode));
            }
            metrics.miss(CacheMetrics.Cache.ITEM);
            return CompletableFuture.supplyAsync(() -> items.begin(table, cacheKey), work)
                    .thenCompose(fill -> readAndFill(json, fill))
                    .thenApply(item -> CachedGetItem.answer(table, item, projection, capacityMode));
        });
    }

    @Override
    public boolean blocking() {
        return false; // a hit is answered from the near cache; a miss continues on cache work threads
    }

    /** Reads the whole item from item-service and ends the fill with it. */
    private CompletionStage<Map<String, AttributeValue>> readAndFill(ObjectNode json, ItemCache.Fill fill) {
        ObjectNode read = Json.object();
        read.put("TableName", fill.table());
        read.set("Key", json.get("Key"));
        return backends.send(Backend.ITEM, name(), read).whenCompleteAsync((answer, failure) -> {
            if (failure != null) {
                items.abandon(fill);
            }
        }, work).thenApplyAsync(answer -> {
            Map<String, AttributeValue> item = answer.hasNonNull("Item") ? AttributeValueCodec.decodeItem(answer.get("Item")) : null;
            items.complete(fill, item);
            return item;
        }, work);
    }
}
