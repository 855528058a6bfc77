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
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * backup-service's one transactional MapDB file ({@code <dataDir>/archive.db}).
 *
 * <p>It holds, per table id: the change records still inside the table's retention window, keyed by
 * table, shard and sequence number (so in log order); and the table's <em>copy</em>, its items as they
 * were at the copy's time, into which the retention pass folds the records that leave the window. The
 * state of a table at any time from the copy's time on is the copy plus the records up to that time.
 * The same file holds the on-demand backups (each a frozen copy), the restores and the change-log
 * consumer's position, so one commit makes any of them durable together.
 *
 * <p>Every commit is taken under {@link #lock()}. Rebuilding a state reads under the read side of
 * {@link #copyLock()}; a retention pass changes a copy under its write side.
 */
@ApplicationScoped
public class ArchiveStore {

    private final DB db;
    private final Object lock = new Object();
    private final ReentrantReadWriteLock copyLock = new ReentrantReadWriteLock();
    private final BTreeMap<byte[], byte[]> records;
    private final BTreeMap<byte[], byte[]> copies;
    private final BTreeMap<byte[], byte[]> backupItems;
    private final HTreeMap<String, byte[]> tables;
    private final HTreeMap<String, byte[]> backups;
    private final HTreeMap<String, byte[]> restores;
    private final HTreeMap<Integer, byte[]> watermarks;
    private final HTreeMap<String, byte[]> snapshots;
    private final Atomic.Long nextId;

    public ArchiveStore(BackupServiceConfig config) {
        Path dir = Path.of(config.dataDir());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.db = DBMaker.fileDB(dir.resolve("archive.db").toFile())
                .fileMmapEnableIfSupported()
                .transactionEnable()
                .closeOnJvmShutdown()
                .make();
        this.records = db.treeMap("records", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.copies = db.treeMap("copies", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.backupItems = db.treeMap("backup-items", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.tables = db.hashMap("tables", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.backups = db.hashMap("backups", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.restores = db.hashMap("restores", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.watermarks = db.hashMap("watermarks", Serializer.INTEGER, Serializer.BYTE_ARRAY).createOrOpen();
        this.snapshots = db.hashMap("snapshots", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.nextId = db.atomicLong("next-id", 1).createOrOpen();
        db.commit();
    }

    /** The store the change-log position is committed with. */
    public DB db() {
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
            db.commit();
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
        byte[] bytes = tables.get(tableId);
        return bytes == null ? null : read(bytes, ArchivedTable.class);
    }

    /** The table of that name the archive saw last (the current one when the name is in use). */
    public ArchivedTable tableNamed(String name) {
        ArchivedTable found = null;
        for (byte[] bytes : tables.getValues()) {
            ArchivedTable table = read(bytes, ArchivedTable.class);
            if (table.name().equals(name) && (found == null || table.archiveId() > found.archiveId())) {
                found = table;
            }
        }
        return found;
    }

    public List<ArchivedTable> tables() {
        List<ArchivedTable> all = new ArrayList<>();
        tables.getValues().forEach(bytes -> all.add(read(bytes, ArchivedTable.class)));
        return all;
    }

    public void putTable(ArchivedTable table) {
        tables.put(table.tableId(), Json.toBytes(table));
    }

    /** A table the archive meets for the first time. */
    public ArchivedTable newTable(String tableId, String name, TableDefinition definition) {
        ArchivedTable table = new ArchivedTable(tableId, name, nextId.incrementAndGet(), definition, false, 0, 0,
                0, 0, 0, 0);
        putTable(table);
        return table;
    }

    public long allocateId() {
        return nextId.incrementAndGet();
    }

    // ---- change records ----

    /** Stores a record as the change log holds it ({@code encoded}), without encoding it again. */
    public void putRecord(ArchivedTable table, ChangeRecord record, byte[] encoded) {
        records.put(Prefixes.record(table.archiveId(), record.shard(), record.sequence()), encoded);
    }

    /** The table's records of one shard after {@code afterSequence}, in order (a live view). */
    public NavigableMap<byte[], byte[]> records(ArchivedTable table, int shard, long afterSequence) {
        return records.subMap(Prefixes.record(table.archiveId(), shard, afterSequence), false,
                Prefixes.record(table.archiveId(), shard, Long.MAX_VALUE), true);
    }

    /** Every record of the table, all shards, in key order (a live view). */
    public NavigableMap<byte[], byte[]> records(ArchivedTable table) {
        return records.subMap(Prefixes.of(table.archiveId()), true, Prefixes.of(table.archiveId() + 1), false);
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

    // ---- table copies and backup items (both: prefix + item key -> item JSON) ----

    /** Applies a change to the table's copy. */
    public void foldIntoCopy(ArchivedTable table, ChangeRecord record) {
        byte[] key = ItemKeys.of(table.archiveId(), record.keys());
        if (record.newImage() == null) {
            copies.remove(key);
        } else {
            copies.put(key, Json.toBytes(AttributeValueCodec.encodeItem(record.newImage())));
        }
    }

    public NavigableMap<byte[], byte[]> copy(ArchivedTable table) {
        return copies.subMap(Prefixes.of(table.archiveId()), true, Prefixes.of(table.archiveId() + 1), false);
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

    public NavigableMap<byte[], byte[]> backupItems(long backupId) {
        return backupItems.subMap(Prefixes.of(backupId), true, Prefixes.of(backupId + 1), false);
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
    public NavigableMap<byte[], byte[]> snapshotItems(long snapshotId) {
        return copies.subMap(Prefixes.of(snapshotId), true, Prefixes.of(snapshotId + 1), false);
    }

    // ---- backups, restores, watermarks: JSON documents ----

    public HTreeMap<String, byte[]> backups() {
        return backups;
    }

    public HTreeMap<String, byte[]> restores() {
        return restores;
    }

    public byte[] watermark(int shard) {
        return watermarks.get(shard);
    }

    public Map<Integer, byte[]> watermarks() {
        return watermarks;
    }

    public void putWatermark(int shard, byte[] value) {
        watermarks.put(shard, value);
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
