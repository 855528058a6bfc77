package io.dynamis.item.storage;

import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import org.jboss.logging.Logger;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * The storage engine of item-service: one MapDB file per shard (the local default runs one shard).
 *
 * <p>Items live in one B-tree map keyed by {@link io.dynamis.core.key.KeyCodec}'s order-preserving
 * encoding ({@code storeId | partition hash | partition key | sort key}), so a table, a partition and a
 * sort-key range are each one contiguous key range. Beside them: the table catalog (name to
 * definition), per-table statistics (item count and bytes) and the next store id.
 *
 * <p>The file runs with MapDB's write-ahead log ({@code transactionEnable}): nothing is durable until
 * {@link #commit()}, which fsyncs; a crash rolls back to the last commit. Only {@link StoreWriter}'s
 * thread changes the maps and commits, so every mutation of a commit is applied by one thread in
 * submission order. Readers use the maps directly from any thread.
 */
@ApplicationScoped
public class ItemStore {

    private static final Logger LOG = Logger.getLogger(ItemStore.class);

    private final DB db;
    private final BTreeMap<byte[], byte[]> items;
    private final HTreeMap<String, byte[]> catalog;
    private final HTreeMap<Long, long[]> stats;
    private final Atomic.Long nextStoreId;
    private final Path file;

    public ItemStore(ItemServiceConfig config) throws IOException {
        Path dir = Path.of(config.dataDir()).toAbsolutePath();
        Files.createDirectories(dir);
        this.file = dir.resolve("shard-0.db");
        this.db = DBMaker.fileDB(file.toFile())
                .fileMmapEnableIfSupported()
                .fileMmapPreclearDisable()
                .transactionEnable()
                .make();
        this.items = db.treeMap("items", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
        this.catalog = db.hashMap("catalog", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.stats = db.hashMap("table-stats", Serializer.LONG, Serializer.LONG_ARRAY).createOrOpen();
        this.nextStoreId = db.atomicLong("next-store-id", 1).createOrOpen();
        db.commit();
        LOG.infof("Item store open at %s (%d tables)", file, catalog.size());
    }

    /** The stored item under an encoded key, or null. */
    public byte[] get(byte[] key) {
        return items.get(key);
    }

    /** The items whose keys fall in [from, to) (to null: to the end), in key order. */
    public NavigableMap<byte[], byte[]> range(byte[] from, byte[] to) {
        return to == null ? items.tailMap(from, true) : items.subMap(from, true, to, false);
    }

    /** The stored table definitions, by name. */
    public Map<String, byte[]> catalog() {
        return catalog;
    }

    /** Item count and total item bytes of a table: {count, bytes}. */
    public long[] stats(long storeId) {
        long[] s = stats.get(storeId);
        return s == null ? new long[2] : s;
    }

    // ---- mutations: called only on the writer thread ----

    byte[] putItem(byte[] key, byte[] value) {
        return items.put(key, value);
    }

    byte[] removeItem(byte[] key) {
        return items.remove(key);
    }

    void putTable(String name, byte[] definition) {
        catalog.put(name, definition);
    }

    void removeTable(String name) {
        catalog.remove(name);
    }

    void adjustStats(long storeId, long countDelta, long bytesDelta) {
        long[] s = stats(storeId).clone();
        s[0] += countDelta;
        s[1] += bytesDelta;
        stats.put(storeId, s);
    }

    void removeStats(long storeId) {
        stats.remove(storeId);
    }

    long allocateStoreId() {
        return nextStoreId.getAndIncrement();
    }

    void commit() {
        db.commit();
    }

    void rollback() {
        db.rollback();
    }

    /** Closes the file; called once the writer has drained, at shutdown. */
    synchronized void close() {
        if (!db.isClosed()) {
            db.close();
            LOG.infof("Item store closed: %s", file);
        }
    }
}
