package io.dynamis.item.storage;

import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>The change log lives in the same file: one {@link LogEntry} per item change, keyed by the shard's
 * sequence number, written in the same commit as the change (so data and log never disagree), with
 * the last sequence number used and the last one the relay has seen acknowledged by the broker.
 *
 * <p>The file runs with MapDB's write-ahead log ({@code transactionEnable}): nothing is durable until
 * {@link #commit()}, which fsyncs; a crash rolls back to the last commit. Only {@link StoreWriter}'s
 * thread changes the maps and commits, so every mutation of a commit is applied by one thread in
 * submission order. Readers use the maps from any thread and see only committed items: before the
 * writer changes an item it records the item's committed value, which {@link #get} answers until the
 * commit is on disk.
 */
@ApplicationScoped
public class ItemStore {

    private static final Logger LOG = Logger.getLogger(ItemStore.class);

    private final DB db;
    private final BTreeMap<byte[], byte[]> items;
    private final HTreeMap<String, byte[]> catalog;
    private final HTreeMap<Long, long[]> stats;
    private final Atomic.Long nextStoreId;
    private final BTreeMap<Long, byte[]> changeLog;
    private final Atomic.Long lastSequence;
    private final Atomic.Long relayedSequence;
    private final Map<ByteBuffer, byte[]> uncommitted = new ConcurrentHashMap<>();
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
        this.changeLog = db.treeMap("change-log", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.lastSequence = db.atomicLong("change-log-last-sequence", 0).createOrOpen();
        this.relayedSequence = db.atomicLong("change-log-relayed-sequence", 0).createOrOpen();
        db.commit();
        LOG.infof("Item store open at %s (%d tables; change log at sequence %d, relayed through %d)",
                file, catalog.size(), lastSequence.get(), relayedSequence.get());
    }

    /** The committed item under an encoded key, or null. */
    public byte[] get(byte[] key) {
        return committed(key, items.get(key));
    }

    /**
     * The committed value of an item read as {@code seen} from the maps (by {@link #get} or a range):
     * while the writer's current batch holds a change to the item, the value from before the batch.
     * Correct because the writer records the old value before it changes the map and forgets it only
     * after the commit, and this looks it up after reading the map.
     */
    public byte[] committed(byte[] key, byte[] seen) {
        if (uncommitted.isEmpty()) {
            return seen;
        }
        byte[] before = uncommitted.get(ByteBuffer.wrap(key));
        if (before == null) {
            return seen;
        }
        return before == ABSENT ? null : before;
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

    /** The last sequence number the change log has used (committed or not: the writer's view). */
    long lastSequence() {
        return lastSequence.get();
    }

    /** The last sequence number the broker has acknowledged, as last recorded. */
    public long relayedSequence() {
        return relayedSequence.get();
    }

    /** The log entries after {@code sequence}, in order (including any of a commit in progress). */
    public NavigableMap<Long, byte[]> changesAfter(long sequence) {
        return changeLog.tailMap(sequence, false);
    }

    // ---- mutations: called only on the writer thread ----

    private static final byte[] ABSENT = new byte[0];

    byte[] putItem(byte[] key, byte[] value) {
        rememberCommitted(key);
        return items.put(key, value);
    }

    byte[] removeItem(byte[] key) {
        rememberCommitted(key);
        return items.remove(key);
    }

    private void rememberCommitted(byte[] key) {
        ByteBuffer wrapped = ByteBuffer.wrap(key);
        if (!uncommitted.containsKey(wrapped)) {
            byte[] current = items.get(key);
            uncommitted.put(wrapped, current == null ? ABSENT : current);
        }
    }

    void appendChange(long sequence, byte[] entry) {
        changeLog.put(sequence, entry);
    }

    void setLastSequence(long sequence) {
        lastSequence.set(sequence);
    }

    void setRelayedSequence(long sequence) {
        relayedSequence.set(sequence);
    }

    void removeChange(long sequence) {
        changeLog.remove(sequence);
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
        uncommitted.clear();
    }

    void rollback() {
        db.rollback();
        uncommitted.clear();
    }

    /** Closes the file; called once the writer has drained, at shutdown. */
    synchronized void close() {
        if (!db.isClosed()) {
            db.close();
            LOG.infof("Item store closed: %s", file);
        }
    }
}
