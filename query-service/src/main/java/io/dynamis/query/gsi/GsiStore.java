package io.dynamis.query.gsi;

import io.dynamis.core.json.StoredItemDecoder;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.query.KeyRange;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.query.config.QueryServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.dynamis.core.storage.LegacyMapDbFile;
import io.dynamis.core.storage.StoreFile;
import org.h2.mvstore.MVMap;
import org.jboss.logging.Logger;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The global secondary indexes, all in one store file ({@code <dataDir>/gsi.mv}, a {@link StoreFile}).
 *
 * <p>Each index (one per table id and index name, so a table created again under the same name starts
 * with empty indexes) gets a number, its index store id, which prefixes its entries the way a store id
 * prefixes a table's items: an entry's key is {@link KeyCodec#encodeGlobalIndexEntry} (index key, then table
 * key), its value the projected item as DynamoDB JSON. Per index, the item count and the projected
 * bytes are kept for DescribeTable.
 *
 * <p>Nothing here commits on its own: {@link GsiMaintainer} applies a batch of changes and then saves
 * its change-log position in the same file, whose one checkpoint makes both durable together; a failed
 * batch is rolled back. A {@code gsi.db} of an earlier version (MapDB) is moved into the file at the
 * first start.
 */
@ApplicationScoped
public class GsiStore {

    private static final Logger LOG = Logger.getLogger(GsiStore.class);

    private static final String NEXT_INDEX_ID = "next-index-id";

    private final StoreFile db;
    private final MVMap<byte[], byte[]> entries;
    private final MVMap<String, Long> indexIds;
    private final MVMap<Long, long[]> stats;
    /**
     * Per index store id, the item count and bytes changed by the applies since the last {@link #saveStats}:
     * written to {@code stats} once per batch, not once per change. Touched under the maintainer's apply lock.
     */
    private final Map<Long, long[]> statsChanges = new HashMap<>();
    /** Per item-service shard: the sequence through which the log is applied, then those applied above it. */
    private final MVMap<Long, long[]> appliedSequences;
    private final MVMap<String, Long> counters;
    /** Index store ids whose entries are unreachable (index reset or deleted) and are being purged (values unused). */
    private final MVMap<Long, long[]> retired;

    @Inject
    public GsiStore(QueryServiceConfig config) {
        this(Path.of(config.dataDir()), config.gsiCacheMegabytes());
    }

    GsiStore(Path dir) {
        this(dir, 16);
    }

    GsiStore(Path dir, int cacheMegabytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve("gsi.mv");
        LegacyMapDbFile.move(dir.resolve("gsi.db"), file, GsiStore::copyLegacy);
        this.db = StoreFile.open(file, cacheMegabytes);
        this.entries = db.bytesMap("entries");
        this.indexIds = db.counters("index-ids");
        this.stats = db.longArrays("index-stats");
        this.appliedSequences = db.longArrays("applied-sequences");
        this.counters = db.counters("counters");
        this.retired = db.longArrays("retired-index-ids");
        db.checkpoint();
    }

    /** The maps of an earlier version's {@code gsi.db} (MapDB), copied into the store file. */
    private static void copyLegacy(DB old, StoreFile store) {
        LegacyMapDbFile.copyByteTrees(old, store, "entries");
        LegacyMapDbFile.copy(old.hashMap("index-ids", Serializer.STRING, Serializer.LONG).createOrOpen(),
                store.counters("index-ids"));
        LegacyMapDbFile.copy(old.hashMap("index-stats", Serializer.LONG, Serializer.LONG_ARRAY).createOrOpen(),
                store.longArrays("index-stats"));
        MVMap<Long, long[]> applied = store.longArrays("applied-sequences");
        old.hashMap("applied-sequences", Serializer.INTEGER, Serializer.LONG_ARRAY).createOrOpen()
                .forEach((shard, sequences) -> applied.put(shard.longValue(), sequences));
        store.counters("counters").put(NEXT_INDEX_ID, old.atomicLong(NEXT_INDEX_ID, 1).createOrOpen().get());
        MVMap<Long, long[]> retired = store.longArrays("retired-index-ids");
        old.treeSet("retired-index-ids", Serializer.LONG).createOrOpen().forEach(id -> retired.put(id, new long[0]));
        io.dynamis.core.change.StoreFileConsumerPositions.copyLegacy(old, "gsi-positions", store);
    }

    /** The store the change-log position is committed with. */
    StoreFile db() {
        return db;
    }

    /** Records how far the log of {@code shard} is applied (committed with the next commit). */
    void saveApplied(int shard, long through, long[] above) {
        long[] value = new long[above.length + 1];
        value[0] = through;
        System.arraycopy(above, 0, value, 1, above.length);
        appliedSequences.put((long) shard, value);
    }

    /** What {@link #saveApplied} recorded, per shard: {@code [through, applied above...]}. */
    java.util.Map<Integer, long[]> applied() {
        java.util.Map<Integer, long[]> applied = new java.util.HashMap<>();
        appliedSequences.forEach((shard, sequences) -> applied.put(shard.intValue(), sequences));
        return applied;
    }

    /** Drops every change not committed yet (a batch that failed half way). */
    void rollback() {
        statsChanges.clear();
        db.rollback();
    }

    /** The index store id of an index, or null while it has never held an entry. */
    public Long indexId(String tableId, String indexName) {
        return indexIds.get(indexKey(tableId, indexName));
    }

    private long indexIdOrNew(String tableId, String indexName) {
        String name = indexKey(tableId, indexName);
        Long id = indexIds.get(name);
        if (id == null) {
            id = nextIndexId();
            indexIds.put(name, id);
        }
        return id;
    }

    /**
     * Gives an index a new, empty store id (its old entries, if any, are no longer reachable): a backfill
     * starts from nothing, so an index deleted and created again under its old name does not keep the
     * entries of the first one.
     */
    void reset(String tableId, String indexName) {
        Long old = indexIds.put(indexKey(tableId, indexName), nextIndexId());
        if (old != null) {
            retired.put(old, new long[0]);
        }
    }

    private long nextIndexId() {
        long id = counters.getOrDefault(NEXT_INDEX_ID, 1L);
        counters.put(NEXT_INDEX_ID, id + 1);
        return id;
    }

    /** Every index that has a store id, as {@code tableId/indexName}. */
    Set<String> indexes() {
        return Set.copyOf(indexIds.keySet());
    }

    /** The key {@link #indexes} names an index by. */
    static String indexKey(String tableId, String indexName) {
        return tableId + "/" + indexName;
    }

    /** Forgets an index ({@code tableId/indexName}) whose table or definition is gone; its entries get purged. */
    void retire(String index) {
        Long id = indexIds.remove(index);
        if (id != null) {
            retired.put(id, new long[0]);
        }
    }

    /**
     * Removes up to {@code max} entries of retired indexes, and forgets each retired index once it has
     * none left; returns how many entries it removed (0 once nothing is left to purge).
     */
    int purgeRetired(int max) {
        int removed = 0;
        for (Long id : List.copyOf(retired.keySet())) {
            byte[] from = KeyCodec.tablePrefix(id);
            byte[] to = KeyRange.successor(from);
            List<byte[]> batch = new ArrayList<>();
            for (Iterator<Map.Entry<byte[], byte[]>> keys = range(from, to, true).iterator();
                    batch.size() < max - removed && keys.hasNext(); ) {
                batch.add(keys.next().getKey());
            }
            batch.forEach(entries::remove);
            removed += batch.size();
            if (!range(from, to, true).iterator().hasNext()) {
                retired.remove(id);
                stats.remove(id);
            }
            if (removed >= max) {
                break;
            }
        }
        return removed;
    }

    /** Commits what was applied (a backfill's pages; the change-log consumer commits with its position). */
    void commit() {
        saveStats();
        db.checkpoint();
    }

    /**
     * Writes the item counts and sizes changed by the applies since the last call into the store (not committed
     * yet): the maintainer calls it after each batch, before the checkpoint that makes the batch durable.
     */
    void saveStats() {
        statsChanges.forEach((id, change) -> {
            long[] counts = stats.getOrDefault(id, new long[2]).clone();
            counts[0] += change[0];
            counts[1] += change[1];
            stats.put(id, counts);
        });
        statsChanges.clear();
    }

    /**
     * Applies one item change to one index: the old image's entry goes, the new image's comes (an image
     * without the index key has no entry: the index is sparse).
     */
    void apply(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        GsiProjection.IndexKey oldKey = GsiProjection.indexKey(index.keySchema(), oldImage);
        GsiProjection.IndexKey newKey = GsiProjection.indexKey(index.keySchema(), newImage);
        if (oldKey == null && newKey == null) {
            return;
        }
        long id = indexIdOrNew(table.tableId(), index.name());
        long[] counts = statsChanges.computeIfAbsent(id, changed -> new long[2]);
        if (oldKey != null) {
            byte[] removed = entries.remove(entryKey(table, id, oldKey, oldImage));
            if (removed != null) {
                counts[0]--;
                counts[1] -= ItemSize.of(decode(removed));
            }
        }
        if (newKey != null) {
            Map<String, AttributeValue> projected = GsiProjection.project(index, table.keySchema(), newImage);
            byte[] replaced = entries.put(entryKey(table, id, newKey, newImage), encode(projected));
            if (replaced != null) {
                counts[0]--;
                counts[1] -= ItemSize.of(decode(replaced));
            }
            counts[0]++;
            counts[1] += ItemSize.of(projected);
        }
    }

    private static byte[] entryKey(TableDefinition table, long id, GsiProjection.IndexKey indexKey,
            Map<String, AttributeValue> item) {
        var schema = table.keySchema();
        return KeyCodec.encodeGlobalIndexEntry(id, indexKey.partition(), indexKey.sort(),
                item.get(schema.partitionKey().name()),
                schema.hasSortKey() ? item.get(schema.sortKey().name()) : null);
    }

    /** The entries whose keys fall in {@code [from, to)} (to null: to the end), in key order or reversed. */
    public Iterable<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to, boolean forward) {
        return StoreFile.range(entries, from, to, forward);
    }

    /** ItemCount and IndexSizeBytes of an index: {count, bytes}. */
    public long[] stats(String tableId, String indexName) {
        Long id = indexId(tableId, indexName);
        return id == null ? new long[2] : stats.getOrDefault(id, new long[2]).clone();
    }

    /** An entry's value: the projected item's DynamoDB JSON (for projection ALL, the change record's image as it came). */
    static byte[] encode(Map<String, AttributeValue> item) {
        return AttributeValueCodec.itemBytes(item, 0);
    }

    public static Map<String, AttributeValue> decode(byte[] bytes) {
        return StoredItemDecoder.decode(bytes, 0);
    }

    /** Closes the file; {@link GsiMaintainer} calls it once its consumer has stopped. */
    void close() {
        if (!db.isClosed()) {
            db.close();
            LOG.info("GSI store closed");
        }
    }
}
