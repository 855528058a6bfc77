package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.client.Backend;
import io.dynamis.cache.client.BackendClient;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.cache.store.CacheWork;
import io.dynamis.cache.store.ItemCache;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.item.BatchGetResponse;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * BatchGetItem through the accelerator: each key is answered from the item cache when it can be, and
 * the keys it misses are read, whole, from item-service in one BatchGetItem and cached (the keys
 * item-service finds no item for as negative entries).
 *
 * <p>A request the cache cannot answer exactly as item-service would goes through unchanged, uncached:
 * a table read with ConsistentRead, more than 100 keys, duplicate keys, mixed projection styles, or
 * anything of an unexpected shape (item-service then answers with DynamoDB's error).
 */
@ApplicationScoped
public class BatchGetItem implements Operation {

    private static final int MAX_KEYS = 100;

    private final ItemCache items;
    private final BackendClient backends;
    private final CacheMetrics metrics;
    private final CacheWork work;

    public BatchGetItem(ItemCache items, BackendClient backends, CacheMetrics metrics, CacheWork work) {
        this.items = items;
        this.backends = backends;
        this.metrics = metrics;
        this.work = work;
    }

    @Override
    public String name() {
        return "BatchGetItem";
    }

    /** One key of the request: its table, key, cache key, and what was found (hit or read). */
    private static final class KeyRead {
        final String table;
        final JsonNode keyJson;
        final String cacheKey;
        boolean found;
        Map<String, AttributeValue> item;
        ItemCache.Fill fill;

        KeyRead(String table, JsonNode keyJson, String cacheKey) {
            this.table = table;
            this.keyJson = keyJson;
            this.cacheKey = cacheKey;
        }
    }

    private record TableRead(String table, ObjectNode keysAndAttributes, Projection projection, List<KeyRead> keys) {
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        List<TableRead> tables = cacheable(json);
        if (tables == null) {
            metrics.bypass(CacheMetrics.Cache.ITEM);
            return backends.send(Backend.ITEM, name(), json);
        }
        String capacityMode = ConsumedCapacity.mode(new RequestReader(json));
        List<KeyRead> missed = new ArrayList<>();
        for (TableRead table : tables) {
            for (KeyRead key : table.keys()) {
                ItemCache.Lookup cached = items.lookup(key.table, key.cacheKey);
                if (cached.hit()) {
                    metrics.hit(CacheMetrics.Cache.ITEM);
                    key.found = true;
                    key.item = cached.item();
                } else {
                    metrics.miss(CacheMetrics.Cache.ITEM);
                    missed.add(key);
                }
            }
        }
        if (missed.isEmpty()) {
            return CompletableFuture.completedFuture(answer(tables, capacityMode));
        }
        ObjectNode read = Json.object();
        ObjectNode requestItems = read.putObject("RequestItems");
        for (KeyRead key : missed) {
            key.fill = items.begin(key.table, key.cacheKey);
            ObjectNode tableRequest = requestItems.has(key.table) ? (ObjectNode) requestItems.get(key.table)
                    : requestItems.putObject(key.table);
            (tableRequest.has("Keys") ? (ArrayNode) tableRequest.get("Keys") : tableRequest.putArray("Keys")).add(key.keyJson);
        }
        return backends.send(Backend.ITEM, name(), read).whenCompleteAsync((answer, failure) -> {
            if (failure != null) {
                missed.forEach(key -> items.abandon(key.fill));
            }
        }, work).thenApplyAsync(answer -> {
            fillFrom(answer, missed);
            return answer(tables, capacityMode);
        }, work);
    }

    /** The request's reads when the cache can answer it; null when it goes through unchanged. */
    private static List<TableRead> cacheable(ObjectNode json) {
        try {
            RequestReader request = new RequestReader(json);
            ConsumedCapacity.mode(request);
            request.validate();
            JsonNode requestItems = json.get("RequestItems");
            if (requestItems == null || !requestItems.isObject() || requestItems.isEmpty()) {
                return null;
            }
            List<TableRead> tables = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            boolean expression = false;
            boolean legacy = false;
            var fields = requestItems.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                if (!entry.getValue().isObject()) {
                    return null;
                }
                ObjectNode keysAndAttributes = (ObjectNode) entry.getValue();
                RequestReader tableRequest = new RequestReader(keysAndAttributes);
                ArrayNode keys = tableRequest.list("Keys");
                if (keys == null || keys.isEmpty() || Boolean.TRUE.equals(tableRequest.bool("ConsistentRead"))) {
                    return null;
                }
                expression |= keysAndAttributes.hasNonNull("ProjectionExpression");
                legacy |= keysAndAttributes.hasNonNull("AttributesToGet");
                TableRead table = new TableRead(entry.getKey(), keysAndAttributes,
                        ItemExpressions.projection(tableRequest), new ArrayList<>());
                for (JsonNode key : keys) {
                    if (!key.isObject()) {
                        return null;
                    }
                    String cacheKey = CacheKeys.item(AttributeValueCodec.decodeItem(key));
                    if (!seen.add(entry.getKey() + "\u0000" + cacheKey)) {
                        return null;
                    }
                    table.keys().add(new KeyRead(entry.getKey(), key, cacheKey));
                }
                tables.add(table);
            }
            return seen.size() > MAX_KEYS || (expression && legacy) ? null : tables;
        } catch (RuntimeException e) {
            return null; // item-service words the error
        }
    }

    private void fillFrom(ObjectNode answer, List<KeyRead> missed) {
        Map<String, Map<String, KeyRead>> byTable = new LinkedHashMap<>();
        for (KeyRead key : missed) {
            byTable.computeIfAbsent(key.table, t -> new LinkedHashMap<>()).put(key.cacheKey, key);
        }
        Set<KeyRead> unprocessed = new HashSet<>();
        answer.path("UnprocessedKeys").fields().forEachRemaining(entry -> {
            Map<String, KeyRead> keys = byTable.getOrDefault(entry.getKey(), Map.of());
            for (JsonNode key : entry.getValue().path("Keys")) {
                KeyRead read = keys.get(CacheKeys.item(AttributeValueCodec.decodeItem(key)));
                if (read != null) {
                    unprocessed.add(read);
                }
            }
        });
        answer.path("Responses").fields().forEachRemaining(entry -> {
            Map<String, KeyRead> keys = byTable.getOrDefault(entry.getKey(), Map.of());
            for (JsonNode itemJson : entry.getValue()) {
                Map<String, AttributeValue> item = AttributeValueCodec.decodeItem(itemJson);
                for (KeyRead read : keys.values()) {
                    if (!read.found && matches(item, read.keyJson)) {
                        read.found = true;
                        read.item = item;
                        break;
                    }
                }
            }
        });
        for (KeyRead read : missed) {
            if (unprocessed.contains(read)) {
                items.abandon(read.fill);
                continue;
            }
            read.found = true; // an item, or none: item-service answered for this key
            items.complete(read.fill, read.item);
        }
        unprocessed.forEach(read -> read.found = false);
    }

    private static boolean matches(Map<String, AttributeValue> item, JsonNode keyJson) {
        Map<String, AttributeValue> key = AttributeValueCodec.decodeItem(keyJson);
        for (Map.Entry<String, AttributeValue> attribute : key.entrySet()) {
            if (!attribute.getValue().equals(item.get(attribute.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode answer(List<TableRead> tables, String capacityMode) {
        BatchGetResponse response = new BatchGetResponse();
        for (TableRead table : tables) {
            response.table(table.table(), table.keysAndAttributes());
            for (KeyRead key : table.keys()) {
                if (!key.found || response.isFull()) {
                    response.unprocessed(key.keyJson);
                } else if (key.item == null) {
                    response.read(null, 0, false);
                } else {
                    response.read(table.projection() == null ? key.item : table.projection().apply(key.item),
                            ItemSize.of(key.item), false);
                }
            }
        }
        return response.build(capacityMode);
    }
}
