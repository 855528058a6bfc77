package io.dynamis.core.shard;

import io.dynamis.core.json.Json;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.table.TableDefinition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table definitions the router needs to find a request's shard (the partition key's name, and for a
 * Query the whole key schema): read from the catalog authority (shard 0, {@code DynamisDescribeCatalogTable})
 * on first use and kept for {@link #TTL_NANOS}. A table deleted and created again with another key within
 * that time may be routed by the old definition; the shard that receives a key it does not hold refuses
 * it (item-service's {@code ShardOwnership}) and the entry is forgotten on any error answered for the
 * table, so nothing is ever stored on the wrong shard.
 */
final class RoutingTables {

    static final long TTL_NANOS = 5_000_000_000L;

    private record Entry(TableDefinition table, long fetchedNanos) {
    }

    private final ServiceChannel catalog;
    private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();

    RoutingTables(ServiceChannel catalog) {
        this.catalog = catalog;
    }

    /** The table's definition; fails as the catalog answers (ResourceNotFoundException). */
    CompletionStage<TableDefinition> definition(String name) {
        Entry entry = byName.get(name);
        if (entry != null && System.nanoTime() - entry.fetchedNanos() < TTL_NANOS) {
            return CompletableFuture.completedFuture(entry.table());
        }
        return catalog.call("DynamisDescribeCatalogTable", Json.object().put("TableName", name)).thenApply(answer -> {
            TableDefinition table = Json.MAPPER.convertValue(answer.get("Table"), TableDefinition.class);
            byName.put(name, new Entry(table, System.nanoTime()));
            return table;
        });
    }

    /** The name of the table's partition key attribute. */
    CompletionStage<String> partitionKey(String name) {
        return definition(name).thenApply(table -> table.keySchema().partitionKey().name());
    }

    /** True when the table's definition was resolved (and is still held). */
    boolean isKnown(String name) {
        return byName.containsKey(name);
    }

    /** Forgets what is known of the table (after an error answered for it). */
    void forget(String name) {
        if (name != null) {
            byName.remove(name);
        }
    }
}
