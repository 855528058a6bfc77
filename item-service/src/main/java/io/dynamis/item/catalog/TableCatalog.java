package io.dynamis.item.catalog;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.shard.CatalogFollowing;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * The table catalog: every table's {@link TableDefinition}, kept in the item store (so a table and its
 * items are committed together) and cached in memory for lookups on every request.
 *
 * <p>Creating and deleting go through the store's writer, so they are ordered with item writes. A
 * deleted table leaves the catalog at once; its items are purged afterwards in bounded batches, and
 * since store ids are never reused, a table created again under the same name never sees them.
 */
@ApplicationScoped
public class TableCatalog {

    private static final Logger LOG = Logger.getLogger(TableCatalog.class);
    private static final int PURGE_BATCH = 1000;

    private final ItemStore store;
    private final StoreWriter writer;
    private final CatalogFollowing following;
    private final NavigableMap<String, TableDefinition> tables = new ConcurrentSkipListMap<>();

    /** A catalog of one shard, with no followers (tests). */
    public TableCatalog(ItemStore store, StoreWriter writer) {
        this(store, writer, null);
    }

    /**
     * The catalog of this shard; {@code following} hands every change to the other shards when this one
     * is the catalog authority (see {@link CatalogFollowing}).
     */
    @jakarta.inject.Inject
    public TableCatalog(ItemStore store, StoreWriter writer, CatalogFollowing following) {
        this.store = store;
        this.writer = writer;
        this.following = following;
        for (Map.Entry<String, byte[]> e : store.catalog().entrySet()) {
            tables.put(e.getKey(), decode(e.getValue()));
        }
    }

    /**
     * The table of an item operation, or the ResourceNotFoundException item operations answer; a table
     * still CREATING (a restore's target while it loads) is not there yet for them, as in DynamoDB.
     */
    public TableDefinition requireForItems(String name) {
        TableDefinition table = tables.get(name);
        if (table == null || "CREATING".equals(table.status())) {
            throw ApiError.tableNotFoundForItems();
        }
        return table;
    }

    /** The table of a table operation, or the ResourceNotFoundException naming it. */
    public TableDefinition require(String name) {
        TableDefinition table = tables.get(name);
        if (table == null) {
            throw ApiError.tableNotFound(name);
        }
        return table;
    }

    /**
     * On the writer thread: fails with ResourceNotFoundException when the table was deleted (or deleted
     * and created again) since the caller looked it up, so no write lands in a dropped table.
     */
    public void requireSame(TableDefinition table) {
        TableDefinition current = tables.get(table.name());
        if (current == null || current.storeId() != table.storeId()) {
            throw ApiError.tableNotFoundForItems();
        }
    }

    /** Table names in DynamoDB's order (ascending), starting after {@code exclusiveStart}. */
    public List<String> names(String exclusiveStart, int limit) {
        NavigableMap<String, TableDefinition> view = exclusiveStart == null ? tables : tables.tailMap(exclusiveStart, false);
        List<String> names = new ArrayList<>(Math.min(limit, view.size()));
        for (String name : view.keySet()) {
            if (names.size() == limit) {
                break;
            }
            names.add(name);
        }
        return names;
    }

    /** True when more tables follow the given name. */
    public boolean hasTablesAfter(String name) {
        return tables.higherKey(name) != null;
    }

    /** Creates the table; completes once durable. The definition's storeId is assigned here. */
    public CompletableFuture<TableDefinition> create(TableDefinition requested) {
        return writer.submit(writes -> {
            if (tables.containsKey(requested.name())) {
                throw ApiError.resourceInUse("Table already exists: " + requested.name());
            }
            long storeId = writes.allocateStoreId();
            // every local index gets its own store id: its entries are one contiguous range of the index map
            List<IndexDefinition> indexes = new ArrayList<>(requested.indexes().size());
            for (IndexDefinition index : requested.indexes()) {
                indexes.add(index.global() ? index : index.withStoreId(writes.allocateStoreId()));
            }
            TableDefinition table = new TableDefinition(requested.name(), requested.tableId(),
                    storeId, requested.createdMillis(), requested.keySchema(),
                    requested.attributeDefinitions(), requested.billingMode(), requested.readCapacityUnits(),
                    requested.writeCapacityUnits(), requested.status(), requested.extra(), indexes);
            writes.putTable(table.name(), encode(table));
            tables.put(table.name(), table);
            return table;
        }).thenCompose(this::published);
    }

    /** Completes with the table once every follower shard has it (at once without followers). */
    private CompletableFuture<TableDefinition> published(TableDefinition table) {
        return following == null || !following.leads() ? CompletableFuture.completedFuture(table)
                : following.publish(table).thenApply(done -> table);
    }

    /** The table of that name, or null. */
    public TableDefinition find(String name) {
        return tables.get(name);
    }

    /**
     * On a follower shard: stores a definition as the catalog authority committed it (ids included); a table
     * of that name with another store id was deleted there since, and is deleted here too.
     */
    public CompletableFuture<Void> follow(TableDefinition table) {
        return follow(table, null, false);
    }

    /**
     * As {@link #follow(TableDefinition)}, applied only when {@code conditional} is false or this shard's
     * definition of the table is still {@code expected} (null: none): a catch-up from a snapshot of the
     * authority's catalog never overwrites a change handed over after the snapshot was taken.
     */
    public CompletableFuture<Void> follow(TableDefinition table, TableDefinition expected, boolean conditional) {
        return writer.<TableDefinition>submit(writes -> {
            TableDefinition previous = tables.get(table.name());
            if (conditional && !java.util.Objects.equals(previous, expected)) {
                return null;
            }
            if (previous != null && previous.storeId() != table.storeId()) {
                removeTable(writes, previous);
            }
            writes.putTable(table.name(), encode(table));
            tables.put(table.name(), table);
            return previous != null && previous.storeId() != table.storeId() ? previous : null;
        }).thenAccept(replaced -> {
            if (replaced != null) {
                purgeTable(replaced);
            }
        });
    }

    /** On a follower shard: deletes the table if it is still the one with that store id. */
    public CompletableFuture<Void> followDeleted(String name, long storeId) {
        return followDeleted(name, storeId, null);
    }

    /** As {@link #followDeleted(String, long)}, only when the definition is still {@code expected} (when given). */
    public CompletableFuture<Void> followDeleted(String name, long storeId, TableDefinition expected) {
        return writer.<TableDefinition>submit(writes -> {
            TableDefinition table = tables.get(name);
            if (table == null || table.storeId() != storeId || (expected != null && !table.equals(expected))) {
                return null;
            }
            removeTable(writes, table);
            return table;
        }).thenAccept(deleted -> {
            if (deleted != null) {
                purgeTable(deleted);
            }
        });
    }

    private void removeTable(io.dynamis.item.storage.StoreWrites writes, TableDefinition table) {
        writes.removeTable(table.name(), table.storeId());
        for (IndexDefinition index : IndexDefinition.locals(table.indexes())) {
            writes.removeIndexStats(index.storeId());
        }
        tables.remove(table.name());
    }

    private void purgeTable(TableDefinition table) {
        purgeItems(table);
        IndexDefinition.locals(table.indexes()).forEach(index -> purgeIndex(table, index));
    }

    /**
     * Changes a table's definition on the writer thread (so the change is ordered with item writes);
     * {@code change} may throw a DynamoDB error to refuse it. Completes once durable, with the new definition.
     */
    public CompletableFuture<TableDefinition> update(String name, java.util.function.UnaryOperator<TableDefinition> change) {
        return writer.submit(writes -> {
            TableDefinition table = require(name);
            TableDefinition changed = change.apply(table);
            writes.putTable(name, encode(changed));
            tables.put(name, changed);
            return changed;
        }).thenCompose(this::published);
    }

    /** Every table, in name order. */
    public java.util.Collection<TableDefinition> all() {
        return tables.values();
    }

    /** The table a table ARN names, or the ResourceNotFoundException DynamoDB answers for an ARN. */
    public TableDefinition requireByArn(String arn, String tableArnPrefix) {
        TableDefinition table = arn.startsWith(tableArnPrefix) ? tables.get(arn.substring(tableArnPrefix.length())) : null;
        if (table == null) {
            throw ApiError.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return table;
    }

    /** Deletes the table; completes once durable, with the definition as it was. Items are purged after. */
    public CompletableFuture<TableDefinition> delete(String name) {
        return writer.<TableDefinition>submit(writes -> {
            TableDefinition table = require(name);
            if (table.deletionProtectionEnabled()) {
                throw ApiError.validation("Resource cannot be deleted as it is currently protected against deletion."
                        + " Disable deletion protection first.");
            }
            removeTable(writes, table);
            return table;
        }).thenCompose(table -> {
            purgeTable(table);
            return following == null || !following.leads() ? CompletableFuture.completedFuture(table)
                    : following.publishDeleted(table).thenApply(done -> table);
        });
    }

    private void purgeItems(TableDefinition table) {
        purge(table.storeId(), store::range, io.dynamis.item.storage.StoreWrites::purgeItem,
                "the items of deleted table " + table.name());
    }

    private void purgeIndex(TableDefinition table, IndexDefinition index) {
        purge(index.storeId(), store::indexRange, io.dynamis.item.storage.StoreWrites::purgeIndexEntry,
                "index " + index.name() + " of deleted table " + table.name());
    }

    /**
     * Removes every key under {@code storeId} from one of the store's maps, in batches of
     * {@link #PURGE_BATCH} through the writer, one batch after the other until none is left.
     */
    private void purge(long storeId, java.util.function.BiFunction<byte[], byte[], Iterable<Map.Entry<byte[], byte[]>>> range,
            java.util.function.BiConsumer<io.dynamis.item.storage.StoreWrites, byte[]> remove, String what) {
        List<byte[]> keys = new ArrayList<>(PURGE_BATCH);
        for (Map.Entry<byte[], byte[]> entry : range.apply(KeyCodec.tablePrefix(storeId), KeyCodec.tablePrefix(storeId + 1))) {
            keys.add(entry.getKey());
            if (keys.size() == PURGE_BATCH) {
                break;
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        writer.submit(writes -> {
            keys.forEach(key -> remove.accept(writes, key));
            return null;
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warnf(failure, "Purging %s stopped", what);
            } else {
                purge(storeId, range, remove, what);
            }
        });
    }

    private static byte[] encode(TableDefinition table) {
        return Json.toBytes(table);
    }

    private static TableDefinition decode(byte[] bytes) {
        try {
            return Json.MAPPER.readValue(bytes, TableDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable table definition", e);
        }
    }
}
