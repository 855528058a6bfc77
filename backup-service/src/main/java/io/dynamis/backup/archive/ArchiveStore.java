package io.dynamis.backup.archive;

import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ChangeRecordCodec;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import io.dynamis.core.change.StoreFileConsumerPositions;
import io.dynamis.core.storage.LegacyMapDbFile;
import io.dynamis.core.storage.StoreFile;
import org.h2.mvstore.MVMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * backup-service's one store file ({@code <dataDir>/archive.mv}, a {@link StoreFile}; an
 * {@code archive.db} of an earlier version, MapDB, is moved into it at the first start).
 *
 * <p>It holds, per table id: the change records still inside the table's retention window, keyed by
 * table, shard and sequence number (so in log order); and the table's <em>copy</em>, its items as they
 * were at the copy's time, into which the retention pass folds the records that leave the window. The
 * state of a table at any time from the copy's time on is the copy plus the records up to that time.
 * The same file holds the on-demand backups (each a frozen copy), the restores and the change-log
 * consumer's position, so one checkpoint makes any of them durable together.
 *
 * <p>Every commit is taken under {@link #lock()}. Rebuilding a state reads under the read side of
 * {@link #copyLock()}; a retention pass changes a copy under its write side.
 */
@ApplicationScoped
public class ArchiveStore {

    private static final String NEXT_ID = "next-id";

    private final StoreFile db;
    private final Object lock = new Object();
    private final ReentrantReadWriteLock copyLock = new ReentrantReadWriteLock();
    private final MVMap<byte[], byte[]> records;
    private final MVMap<byte[], byte[]> copies;
    private final MVMap<byte[], byte[]> backupItems;
    private final MVMap<String, byte[]> tables;
    private final MVMap<String, byte[]> backups;
    private final MVMap<String, byte[]> restores;
    private final MVMap<Long, byte[]> watermarks;
    private final MVMap<String, byte[]> snapshots;
    private final MVMap<String, Long> counters;
    /** The tables as last put, decoded: the archiver looks one up for every record it stores. */
    private final Map<String, ArchivedTable> decodedTables = new java.util.concurrent.ConcurrentHashMap<>();

    public ArchiveStore(BackupServiceConfig config) {
        Path dir = Path.of(config.dataDir());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve("archive.mv");
        LegacyMapDbFile.move(dir.resolve("archive.db"), file, ArchiveStore::copyLegacy);
        this.db = StoreFile.open(file, 16);
        this.records = db.bytesMap("records");
        this.copies = db.bytesMap("copies");
        this.backupItems = db.bytesMap("backup-items");
        this.tables = db.namedMap("tables");
        this.backups = db.namedMap("backups");
        this.restores = db.namedMap("restores");
        this.watermarks = db.longMap("watermarks");
        this.snapshots = db.namedMap("snapshots");
        this.counters = db.counters("counters");
        db.checkpoint();
    }

    /** The maps of an earlier version's {@code archive.db} (MapDB), copied into the store file. */
    private static void copyLegacy(DB old, StoreFile store) {
        LegacyMapDbFile.copyByteTrees(old, store, "records", "copies", "backup-items");
        LegacyMapDbFile.copyNamed(old, store, "tables", "backups", "restores", "snapshots");
        MVMap<Long, byte[]> watermarks = store.longMap("watermarks");
        old.hashMap("watermarks", Serializer.INTEGER, Serializer.BYTE_ARRAY).createOrOpen()
                .forEach((shard, bytes) -> watermarks.put(shard.longValue(), bytes));
        store.counters("counters").put(NEXT_ID, old.atomicLong(NEXT_ID, 1).createOrOpen().get());
        StoreFileConsumerPositions.copyLegacy(old, "archive-positions", store);
    }

    /** The store the change-log position is committed with. */
    public StoreFile db() {
        return db;
    }

    /** Held by every commit. */
    public Object lock() {
        return lock;
    }

    public ReentrantReadWriteLock copyLock() {
        return copyLock;
    }

    public void commit() {
        synchronized (lock) {
            db.checkpoint();
        }
    }

    public void close() {
        synchronized (lock) {
            if (!db.isClosed()) {
                db.close();
            }
        }
    }

    // ---- tables ----

    public ArchivedTable table(String tableId) {
        ArchivedTable decoded = decodedTables.get(tableId);
        if (decoded != null) {
            return decoded;
        }
        byte[] bytes = tables.get(tableId);
        return bytes == null ? null : decodedTables.computeIfAbsent(tableId, id -> read(bytes, ArchivedTable.class));
    }

    /** The table of that name the archive saw last (the current one when the name is in use). */
    public ArchivedTable tableNamed(String name) {
        ArchivedTable found = null;
        for (byte[] bytes : tables.values()) {
            ArchivedTable table = read(bytes, ArchivedTable.class);
            if (table.name().equals(name) && (found == null || table.archiveId() > found.archiveId())) {
                found = table;
            }
        }
        return found;
    }

    public List<ArchivedTable> tables() {
        List<ArchivedTable> all = new ArrayList<>();
        tables.values().forEach(bytes -> all.add(read(bytes, ArchivedTable.class)));
        return all;
    }

    public void putTable(ArchivedTable table) {
        tables.put(table.tableId(), Json.toBytes(table));
        decodedTables.put(table.tableId(), table);
    }

    /** A table the archive meets for the first time. */
    public ArchivedTable newTable(String tableId, String name, TableDefinition definition) {
        ArchivedTable table = new ArchivedTable(tableId, name, allocateId(), definition, false, 0, 0,
                Map.of(), 0, 0, 0);
        putTable(table);
        return table;
    }

    public long allocateId() {
        synchronized (counters) {
            long id = counters.getOrDefault(NEXT_ID, 1L) + 1;
            counters.put(NEXT_ID, id);
            return id;
        }
    }

    // ---- change records ----

    /** Stores a record as the change log holds it ({@code encoded}), without encoding it again. */
    public void putRecord(ArchivedTable table, ChangeRecord record, byte[] encoded) {
        records.put(Prefixes.record(table.archiveId(), record.shard(), record.sequence()), encoded);
    }

    /** The table's records of one shard after {@code afterSequence}, in order or reversed (read lazily). */
    public Iterable<Map.Entry<byte[], byte[]>> records(ArchivedTable table, int shard, long afterSequence, boolean forward) {
        return StoreFile.range(records, Prefixes.record(table.archiveId(), shard, afterSequence), false,
                Prefixes.record(table.archiveId(), shard, Long.MAX_VALUE), true, forward);
    }

    /** Every record of the table, all shards, in key order (read lazily). */
    public Iterable<Map.Entry<byte[], byte[]>> records(ArchivedTable table) {
        return prefixed(records, table.archiveId());
    }

    /** The keys of every record of the table. */
    public List<byte[]> recordKeys(ArchivedTable table) {
        return keys(records(table));
    }

    private static Iterable<Map.Entry<byte[], byte[]>> prefixed(MVMap<byte[], byte[]> map, long prefix) {
        return StoreFile.range(map, Prefixes.of(prefix), Prefixes.of(prefix + 1), true);
    }

    private static List<byte[]> keys(Iterable<Map.Entry<byte[], byte[]>> entries) {
        List<byte[]> keys = new ArrayList<>();
        entries.forEach(entry -> keys.add(entry.getKey()));
        return keys;
    }

    public void removeRecord(byte[] key) {
        records.remove(key);
    }

    public static ChangeRecord decode(byte[] value) {
        return ChangeRecordCodec.decode(value);
    }

    public static long sequenceOf(byte[] recordKey) {
        return Prefixes.sequenceOf(recordKey);
    }

    /** The item-service shard whose log a record key's record comes from. */
    public static int shardOf(byte[] recordKey) {
        return Prefixes.shardOf(recordKey);
    }

    // ---- table copies and backup items (both: prefix + item key -> item JSON) ----

    /** Applies a change to the table's copy. */
    public void foldIntoCopy(ArchivedTable table, ChangeRecord record) {
        byte[] key = ItemKeys.of(table.archiveId(), record.keys());
        if (record.newImage() == null) {
            copies.remove(key);
        } else {
            copies.put(key, AttributeValueCodec.itemBytes(record.newImage(), 0));
        }
    }

    /** The items of the table's copy (read lazily). */
    public Iterable<Map.Entry<byte[], byte[]>> copy(ArchivedTable table) {
        return prefixed(copies, table.archiveId());
    }

    /** Empties the table's copy. */
    public void removeCopy(ArchivedTable table) {
        keys(copy(table)).forEach(copies::remove);
    }

    /** The identity of an item within a copy or a backup of prefix {@code prefix}. */
    public static byte[] itemKey(long prefix, Map<String, AttributeValue> keys) {
        return ItemKeys.of(prefix, keys);
    }

    /** Stores the {@code index}-th item of a backup. */
    public void putBackupItem(long backupId, long index, byte[] item) {
        backupItems.put(Prefixes.record(backupId, 0, index), item);
    }

    public void removeBackupItem(byte[] key) {
        backupItems.remove(key);
    }

    /** The items of a backup, in order (read lazily). */
    public Iterable<Map.Entry<byte[], byte[]>> backupItems(long backupId) {
        return prefixed(backupItems, backupId);
    }

    /** Removes every item of a backup. */
    public void removeBackupItems(long backupId) {
        keys(backupItems(backupId)).forEach(backupItems::remove);
    }

    // ---- snapshots: like copies, each under a prefix of its own ----

    /** The table's snapshots, oldest first. */
    public List<Snapshot> snapshots(String tableId) {
        byte[] bytes = snapshots.get(tableId);
        return bytes == null ? List.of() : List.of(read(bytes, Snapshot[].class));
    }

    public void putSnapshots(String tableId, List<Snapshot> list) {
        if (list.isEmpty()) {
            snapshots.remove(tableId);
        } else {
            snapshots.put(tableId, Json.toBytes(list));
        }
    }

    /** Stores an item of snapshot {@code snapshotId}, under its identity. */
    public void putSnapshotItem(long snapshotId, Map<String, AttributeValue> keys, byte[] item) {
        copies.put(ItemKeys.of(snapshotId, keys), item);
    }

    /** A snapshot's items, under the same identities as a copy's, with the snapshot's prefix. */
    public Iterable<Map.Entry<byte[], byte[]>> snapshotItems(long snapshotId) {
        return prefixed(copies, snapshotId);
    }

    /** Removes every item of a snapshot. */
    public void removeSnapshotItems(long snapshotId) {
        keys(snapshotItems(snapshotId)).forEach(copies::remove);
    }

    // ---- backups, restores, watermarks: JSON documents ----

    public Map<String, byte[]> backups() {
        return backups;
    }

    public Map<String, byte[]> restores() {
        return restores;
    }

    public byte[] watermark(int shard) {
        return watermarks.get((long) shard);
    }

    /** The watermark of each shard. */
    public Map<Integer, byte[]> watermarks() {
        Map<Integer, byte[]> all = new java.util.HashMap<>();
        watermarks.forEach((shard, bytes) -> all.put(shard.intValue(), bytes));
        return all;
    }

    public void putWatermark(int shard, byte[] value) {
        watermarks.put((long) shard, value);
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
