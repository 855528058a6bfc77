package io.dynamis.query.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.query.client.ItemServiceClient;
import io.dynamis.query.config.QueryServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table definitions query-service needs (key schemas, ids, indexes), read from item-service, which
 * owns the catalog, through its internal {@code DynamisDescribeCatalogTable} operation and reused for
 * {@code catalogCacheMillis}. Calls block: they run on worker threads and on the change-log consumer's
 * thread, never on an event loop.
 */
@ApplicationScoped
public class CatalogClient {

    private static final String DESCRIBE = "DynamisDescribeCatalogTable";

    private record Cached(TableDefinition table, long fetchedNanos) {
    }

    private final ItemServiceClient itemService;
    private final long cacheNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** The name of every table id this client has fetched: a change record's key carries only the id. */
    private final ConcurrentHashMap<String, String> namesById = new ConcurrentHashMap<>();
    /**
     * Counts {@link #forget}s: a fetch that was answered before a forget may carry what the forget
     * dropped (an index still CREATING), so it is returned but not cached.
     */
    private final java.util.concurrent.atomic.AtomicLong forgets = new java.util.concurrent.atomic.AtomicLong();

    public CatalogClient(ItemServiceClient itemService, QueryServiceConfig config) {
        this.itemService = itemService;
        this.cacheNanos = config.catalogCacheMillis() * 1_000_000L;
    }

    /** The table, or DynamoDB's ResourceNotFoundException naming it; may be up to the cache time old. */
    public TableDefinition require(String name) {
        Cached cached = cache.get(name);
        if (cached != null && System.nanoTime() - cached.fetchedNanos() < cacheNanos) {
            return cached.table();
        }
        return fetch(name);
    }

    /**
     * The table a change record belongs to, fetched again when the cached one is another table of that
     * name; null when the table no longer exists (it was deleted, or deleted and created again).
     */
    public TableDefinition forChange(String name, String tableId) {
        TableDefinition table = find(name);
        if (table != null && !table.tableId().equals(tableId)) {
            table = fetchOrNull(name);
        }
        return table != null && table.tableId().equals(tableId) ? table : null;
    }

    /** The table, or null when there is none of that name; may be up to the cache time old. */
    public TableDefinition find(String name) {
        return orNull(() -> require(name));
    }

    private TableDefinition fetchOrNull(String name) {
        return orNull(() -> fetch(name));
    }

    /** The table the lookup finds, or null where it answers ResourceNotFoundException. */
    private static TableDefinition orNull(java.util.function.Supplier<TableDefinition> lookup) {
        try {
            return lookup.get();
        } catch (ApiError e) {
            if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Whether the table with that id may have global secondary indexes, as far as the cache knows: true
     * for an id never seen (the caller learns it from the record), false for a table since deleted or
     * known to have none.
     */
    public boolean mayHaveGlobalIndexes(String tableId) {
        String name = namesById.get(tableId);
        if (name == null) {
            return true;
        }
        TableDefinition table = find(name);
        if (table == null) {
            namesById.remove(tableId);
            return false;
        }
        if (!table.tableId().equals(tableId)) {
            return false; // that table was deleted; another of the same name has another id
        }
        return table.indexes().stream().anyMatch(IndexDefinition::global);
    }

    /** Forgets a cached definition (after a change query-service knows of). */
    public void forget(String name) {
        forgets.incrementAndGet();
        cache.remove(name);
    }

    /** Every table name, through item-service's ListTables (paged). */
    public java.util.List<String> tableNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        String start = null;
        for (int page = 0; page < 100_000; page++) {
            ObjectNode body = Json.object();
            if (start != null) {
                body.put("ExclusiveStartTableName", start);
            }
            JsonNode answer = itemService.callAndWait("ListTables", body);
            answer.path("TableNames").forEach(name -> names.add(name.asText()));
            start = answer.path("LastEvaluatedTableName").asText(null);
            if (start == null) {
                break;
            }
        }
        return names;
    }

    /** Tells item-service that a backfilled global index of the table is ACTIVE now. */
    public void activate(TableDefinition table, String indexName) {
        ObjectNode body = Json.object();
        body.put("TableName", table.name());
        body.put("TableId", table.tableId());
        body.put("IndexName", indexName);
        itemService.callAndWait("DynamisActivateIndex", body);
        forget(table.name());
    }

    private TableDefinition fetch(String name) {
        ObjectNode body = Json.object();
        body.put("TableName", name);
        long forgetsBefore = forgets.get();
        JsonNode json = itemService.callAndWait(DESCRIBE, body);
        TableDefinition table = Json.MAPPER.convertValue(json.get("Table"), TableDefinition.class);
        if (forgets.get() == forgetsBefore) {
            cache.put(name, new Cached(table, System.nanoTime()));
        }
        namesById.put(table.tableId(), name);
        return table;
    }
}
