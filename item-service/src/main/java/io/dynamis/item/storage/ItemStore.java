package io.dynamis.item.storage;

import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import io.dynamis.core.storage.LegacyMapDbFile;
import io.dynamis.core.storage.StoreFile;
import org.h2.mvstore.MVMap;
import org.jboss.logging.Logger;

/**
 * The storage engine of item-service: one store file per shard (the local default runs one shard).
 *
 * <p>Items live in one B-tree map keyed by {@link io.dynamis.core.key.KeyCodec}'s order-preserving
 * encoding ({@code storeId | partition hash | partition key | sort key}), so a table, a partition and a
 * sort-key range are each one contiguous key range. Beside them: the entries of local secondary
 * indexes (a second B-tree, keyed {@code indexStoreId | partition hash | partition key | index sort key |
 * table sort key}, kept by {@link LocalIndexWriter} in the same commit as the item), the table catalog
 * (name to definition), per-table and per-index statistics (entry count and bytes) and the next store id.
 *
 * <p>The change log lives in the same file: one {@link LogEntry} per item change, keyed by the shard's
 * sequence number, written in the same commit as the change (so data and log never disagree), with
 * the last sequence number used and the last one the relay has seen acknowledged by the broker.
 *
 * <p>Durability: the file is H2's MVStore ({@link StoreFile}: append-only, copy-on-write), so after a
 * crash it opens at its last commit, always consistent; a commit writes every page changed since the
 * previous one, so commits are only checkpoints, made every few seconds. A group commit is made durable by {@link RedoLog}
 * instead (one append, one fsync), and a restart applies the redo log on top of the checkpoint. Only
 * {@link StoreWriter}'s thread changes the maps and commits, so every mutation of a commit is applied
 * by one thread in submission order. Readers use the maps from any thread and see only committed items: before the
 * writer changes an item it records the item's committed value, which {@link #get} answers until the
 * commit is on disk.
 */
@ApplicationScoped
public class ItemStore {

    private static final Logger LOG = Logger.getLogger(ItemStore.class);
    /**
     * Unsaved changes past the point that brings a checkpoint forward ({@code checkpoint-unsaved-megabytes}) at
     * which MVStore makes the writer thread commit the file itself: the checkpoint thread commits well before.
     */
    private static final int UNSAVED_LIMIT_MARGIN_MEGABYTES = 24;

    private final StoreFile db;
    private final MVMap<byte[], byte[]> items;
    private final MVMap<byte[], byte[]> localIndexes;
    private final MVMap<String, byte[]> catalog;
    private final MVMap<Long, long[]> stats;
    /**
     * The tables' statistics as the writer keeps them: changed in memory on every write (and in the redo
     * log), written into {@link #stats} at each checkpoint only; the map is the truth again after a replay.
     */
    private final Map<Long, long[]> currentStats = new ConcurrentHashMap<>();
    private final java.util.Set<Long> dirtyStats = new java.util.HashSet<>();
    private final MVMap<String, Long> counters;
    private final MVMap<Long, byte[]> changeLog;
    private final MVMap<String, byte[]> transactionTokens;
    private final MVMap<String, byte[]> principals;
    /** Cross-shard transactions this shard prepared and holds, by transaction id (see {@code item.transaction}). */
    private final MVMap<String, byte[]> preparedTransactions;
    /** The decisions of cross-shard transactions this shard coordinates, by transaction id. */
    private final MVMap<String, byte[]> transactionDecisions;
    private final Map<ByteBuffer, byte[]> uncommitted = new ConcurrentHashMap<>();
    /** What undoes the group commit being assembled, in order: operations restoring the values before it. */
    private final java.util.List<Undo> undo = new java.util.ArrayList<>();
    /** One operation restoring a value the group commit being assembled changed (its redo-log form). */
    private record Undo(byte type, byte[] key, byte[] value) {
    }
    private final java.util.concurrent.ExecutorService checkpointer = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "item-store-checkpoint");
                thread.setDaemon(true);
                return thread;
            });
    private volatile java.util.concurrent.CompletableFuture<Void> checkpointInFlight =
            java.util.concurrent.CompletableFuture.completedFuture(null);
    /** Records the committed value of an entry the writer changes, inside the change's own lookup. */
    private final RememberingChange remembering = new RememberingChange();
    private final Path file;
    private final RedoLog redo;
    private final Path sealedRedo;
    private final long checkpointBytes;
    private final long checkpointUnsavedBytes;
    private final long checkpointIntervalMillis;
    private long lastCheckpointMillis;

    public ItemStore(ItemServiceConfig config) throws IOException {
        Path dir = Path.of(config.dataDir()).toAbsolutePath();
        Files.createDirectories(dir);
        this.file = dir.resolve("shard-0.mv");
        LegacyMapDbFile.move(dir.resolve("shard-0.db"), file, LegacyItemFile::copy);
        this.checkpointUnsavedBytes = (long) config.commit().checkpointUnsavedMegabytes() << 20;
        this.db = StoreFile.open(file, config.commit().cacheMegabytes(),
                config.commit().checkpointUnsavedMegabytes() + UNSAVED_LIMIT_MARGIN_MEGABYTES);
        this.items = db.bytesMap("items");
        this.localIndexes = db.bytesMap("local-indexes");
        this.catalog = db.namedMap("catalog");
        this.stats = db.longArrays("table-stats");
        this.counters = db.counters("counters");
        this.changeLog = db.longMap("change-log");
        this.transactionTokens = db.namedMap("transaction-tokens");
        this.principals = db.namedMap("principals");
        this.preparedTransactions = db.namedMap("prepared-transactions");
        this.transactionDecisions = db.namedMap("transaction-decisions");
        this.checkpointBytes = config.commit().checkpointBytes();
        this.checkpointIntervalMillis = config.commit().checkpointInterval().toMillis();
        this.redo = new RedoLog(dir.resolve("shard-0.redo"));
        this.sealedRedo = dir.resolve("shard-0.redo.sealed");
        int fromSealed = RedoLog.replaySealed(sealedRedo, this::replayed);
        int replayed = fromSealed + redo.replay(this::replayed);
        if (replayed > 0) {
            LOG.infof("Recovered %d group commit(s) from the redo log (%d of them sealed for a checkpoint that a stop"
                    + " interrupted)", replayed, fromSealed);
        }
        loadStats();
        checkpoint();
        LOG.infof("Item store open at %s (%d tables; change log at sequence %d, relayed through %d)",
                file, catalog.size(), lastSequence(), relayedSequence());
    }

    /** The store file itself (tests commit it at chosen moments, as a background checkpoint would). */
    StoreFile file() {
        return db;
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

    /** The item under an encoded key including the writer's uncommitted changes: for the writer thread only. */
    byte[] latest(byte[] key) {
        return items.get(key);
    }

    /** The items whose keys fall in [from, to) (to null: to the end), in key order, as the writer sees them. */
    public Iterable<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to) {
        return StoreFile.range(items, from, to, true);
    }

    /**
     * The committed items whose keys fall in [from, to) (to null: to the end), in key order or reversed:
     * what {@link #range} holds seen through {@link #committed}, plus the items the group commit in
     * progress deletes (gone from the map already, but not from disk yet), so a range read sees neither
     * an uncommitted insert nor an uncommitted delete.
     */
    public Iterable<Map.Entry<byte[], byte[]>> committedRange(byte[] from, byte[] to, boolean forward) {
        return committedRange(items, from, to, forward);
    }

    /** The committed local-index entries in [from, to), as {@link #committedRange} reads items. */
    public Iterable<Map.Entry<byte[], byte[]>> committedIndexRange(byte[] from, byte[] to, boolean forward) {
        return committedRange(localIndexes, from, to, forward);
    }

    private Iterable<Map.Entry<byte[], byte[]>> committedRange(MVMap<byte[], byte[]> view, byte[] from, byte[] to,
            boolean forward) {
        java.util.TreeMap<byte[], byte[]> merged = null;
        if (!uncommitted.isEmpty()) {
            for (Map.Entry<ByteBuffer, byte[]> pending : uncommitted.entrySet()) {
                byte[] key = new byte[pending.getKey().remaining()];
                pending.getKey().duplicate().get(key);
                if (pending.getValue() != ABSENT && inRange(key, from, to) && !view.containsKey(key)) {
                    if (merged == null) {
                        merged = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
                    }
                    merged.put(key, pending.getValue());
                }
            }
        }
        NavigableMap<byte[], byte[]> deleted = merged;
        return () -> new CommittedRangeIterator(StoreFile.range(view, from, to, forward),
                deleted == null ? null : (forward ? deleted : deleted.descendingMap()), forward);
    }

    private static boolean inRange(byte[] key, byte[] from, byte[] to) {
        return java.util.Arrays.compareUnsigned(key, from) >= 0 && (to == null || java.util.Arrays.compareUnsigned(key, to) < 0);
    }

    /** Merges the live range (seen through {@link #committed}) with the items deleted by the commit in progress. */
    private final class CommittedRangeIterator implements java.util.Iterator<Map.Entry<byte[], byte[]>> {
        private final java.util.Iterator<Map.Entry<byte[], byte[]>> live;
        private final java.util.Iterator<Map.Entry<byte[], byte[]>> deleted;
        private final boolean forward;
        private Map.Entry<byte[], byte[]> nextLive;
        private Map.Entry<byte[], byte[]> nextDeleted;
        private Map.Entry<byte[], byte[]> next;

        CommittedRangeIterator(Iterable<Map.Entry<byte[], byte[]>> live, NavigableMap<byte[], byte[]> deleted,
                boolean forward) {
            this.live = live.iterator();
            this.deleted = deleted == null ? java.util.Collections.emptyIterator() : deleted.entrySet().iterator();
            this.forward = forward;
            this.nextDeleted = this.deleted.hasNext() ? this.deleted.next() : null;
            advance();
        }

        private void advance() {
            next = null;
            while (next == null) {
                if (nextLive == null && live.hasNext()) {
                    Map.Entry<byte[], byte[]> entry = live.next();
                    byte[] value = committed(entry.getKey(), entry.getValue());
                    nextLive = value == null ? null : Map.entry(entry.getKey(), value);
                    if (nextLive == null) {
                        continue; // inserted by the commit in progress
                    }
                }
                if (nextLive == null && nextDeleted == null) {
                    return;
                }
                boolean takeDeleted = nextLive == null || (nextDeleted != null
                        && (java.util.Arrays.compareUnsigned(nextDeleted.getKey(), nextLive.getKey()) < 0) == forward);
                if (takeDeleted) {
                    next = nextDeleted;
                    nextDeleted = deleted.hasNext() ? deleted.next() : null;
                } else {
                    next = nextLive;
                    nextLive = null;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map.Entry<byte[], byte[]> next() {
            if (next == null) {
                throw new java.util.NoSuchElementException();
            }
            Map.Entry<byte[], byte[]> current = next;
            advance();
            return current;
        }
    }

    /**
     * The local-index entries whose keys fall in [from, to) (to null: to the end), in key order. Keys are
     * {@code indexStoreId | partition hash | partition key | index sort key | table sort key}; read each
     * value through {@link #committed}, as items are (store ids are never shared between a table and an
     * index, so item keys and entry keys never collide).
     */
    public Iterable<Map.Entry<byte[], byte[]>> indexRange(byte[] from, byte[] to) {
        return StoreFile.range(localIndexes, from, to, true);
    }

    /** The stored table definitions, by name. */
    public Map<String, byte[]> catalog() {
        return catalog;
    }

    /** Item count and total item bytes of a table: {count, bytes}. */
    public long[] stats(long storeId) {
        long[] s = currentStats.get(storeId);
        return s == null ? new long[2] : s.clone();
    }

    /** The last sequence number the change log has used (committed or not: the writer's view). */
    long lastSequence() {
        return counters.getOrDefault(LAST_SEQUENCE_NAME, 0L);
    }

    /** The last sequence number the broker has acknowledged, as last recorded. */
    public long relayedSequence() {
        return counters.getOrDefault(RELAYED_SEQUENCE_NAME, 0L);
    }

    /** The log entries after {@code sequence}, in order (including any of a commit in progress). */
    public Iterable<Map.Entry<Long, byte[]>> changesAfter(long sequence) {
        return StoreFile.range(changeLog, sequence + 1, null, true);
    }

    /** The first log entry after {@code sequence}, or null. */
    public Map.Entry<Long, byte[]> firstChangeAfter(long sequence) {
        Long key = changeLog.higherKey(sequence);
        if (key == null) {
            return null;
        }
        byte[] entry = changeLog.get(key);
        return entry == null ? firstChangeAfter(key) : Map.entry(key, entry);
    }

    /** How many entries the change log holds. */
    public long changeCount() {
        return changeLog.sizeAsLong();
    }

    // ---- mutations: called only on the writer thread; each is recorded in the redo log ----

    private static final byte[] ABSENT = new byte[0];
    private static final byte ITEM_PUT = 1;
    private static final byte ITEM_REMOVE = 2;
    private static final byte CATALOG_PUT = 3;
    private static final byte CATALOG_REMOVE = 4;
    private static final byte STATS_PUT = 5;
    private static final byte STATS_REMOVE = 6;
    private static final byte LOG_PUT = 7;
    private static final byte LOG_REMOVE = 8;
    private static final byte COUNTER_SET = 9;
    private static final byte TOKEN_PUT = 10;
    private static final byte TOKEN_REMOVE = 11;
    private static final byte INDEX_PUT = 12;
    private static final byte INDEX_REMOVE = 13;
    private static final byte PRINCIPAL_PUT = 14;
    private static final byte PRINCIPAL_REMOVE = 15;
    private static final byte PREPARED_PUT = 16;
    private static final byte PREPARED_REMOVE = 17;
    private static final byte DECISION_PUT = 18;
    private static final byte DECISION_REMOVE = 19;
    private static final String NEXT_STORE_ID_NAME = "next-store-id";
    private static final String LAST_SEQUENCE_NAME = "last-sequence";
    private static final String RELAYED_SEQUENCE_NAME = "relayed-sequence";
    private static final byte[] NEXT_STORE_ID = NEXT_STORE_ID_NAME.getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAST_SEQUENCE = LAST_SEQUENCE_NAME.getBytes(StandardCharsets.UTF_8);
    private static final byte[] RELAYED_SEQUENCE = RELAYED_SEQUENCE_NAME.getBytes(StandardCharsets.UTF_8);

    byte[] putItem(byte[] key, byte[] value) {
        redo.record(ITEM_PUT, key, value);
        return remembering.change(items, key, value);
    }

    byte[] removeItem(byte[] key) {
        redo.record(ITEM_REMOVE, key, null);
        return remembering.change(items, key, null);
    }

    /** The local-index entry under a key including the writer's uncommitted changes: for the writer thread only. */
    byte[] latestIndexEntry(byte[] key) {
        return localIndexes.get(key);
    }

    byte[] putIndexEntry(byte[] key, byte[] value) {
        redo.record(INDEX_PUT, key, value);
        return remembering.change(localIndexes, key, value);
    }

    byte[] removeIndexEntry(byte[] key) {
        redo.record(INDEX_REMOVE, key, null);
        return remembering.change(localIndexes, key, null);
    }

    /**
     * Changes an entry of the items or the local indexes in one lookup, and records the value it had before (for
     * readers, {@link #committed}, and for {@link #rollback}) the first time the group commit being assembled
     * changes it. MVStore calls {@link #decide} with the value it found before the changed page becomes visible,
     * so a reader that sees the new value finds the committed one recorded. For the writer thread only.
     */
    private final class RememberingChange extends MVMap.DecisionMaker<byte[]> {
        private MVMap<byte[], byte[]> map;
        private byte[] key;

        /** Puts {@code value} ({@code null}: removes the entry); returns the value before. */
        byte[] change(MVMap<byte[], byte[]> map, byte[] key, byte[] value) {
            this.map = map;
            this.key = key;
            return map.operate(key, value, this);
        }

        @Override
        public MVMap.Decision decide(byte[] existing, byte[] provided) {
            ByteBuffer wrapped = ByteBuffer.wrap(key);
            if (!uncommitted.containsKey(wrapped)) { // a retried lookup finds it recorded: the same value
                uncommitted.put(wrapped, existing == null ? ABSENT : existing);
                boolean item = map == items;
                undo.add(existing == null ? new Undo(item ? ITEM_REMOVE : INDEX_REMOVE, key, null)
                        : new Undo(item ? ITEM_PUT : INDEX_PUT, key, existing));
            }
            return provided == null ? MVMap.Decision.REMOVE : MVMap.Decision.PUT;
        }
    }

    /**
     * Puts a value under a name in one of the maps keyed by name ({@code value} null: removes it), through
     * the redo log; {@code put} and {@code remove} are the map's two operation types.
     */
    private void setNamed(byte put, byte remove, MVMap<String, byte[]> map, String name, byte[] value) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        byte[] old = map.get(name);
        undo.add(old == null ? new Undo(remove, key, null) : new Undo(put, key, old));
        redo.record(value == null ? remove : put, key, value);
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }

    void putTable(String name, byte[] definition) {
        setNamed(CATALOG_PUT, CATALOG_REMOVE, catalog, name, definition);
    }

    void removeTable(String name) {
        setNamed(CATALOG_PUT, CATALOG_REMOVE, catalog, name, null);
    }

    void adjustStats(long storeId, long countDelta, long bytesDelta) {
        long[] old = rememberStats(storeId);
        long[] s = old == null ? new long[2] : old.clone();
        s[0] += countDelta;
        s[1] += bytesDelta;
        redo.record(STATS_PUT, longBytes(storeId), statsBytes(s));
        currentStats.put(storeId, s);
        dirtyStats.add(storeId);
    }

    void removeStats(long storeId) {
        rememberStats(storeId);
        redo.record(STATS_REMOVE, longBytes(storeId), null);
        stats.remove(storeId);
        currentStats.remove(storeId);
        dirtyStats.remove(storeId);
    }

    /** Records what undoes a change to a table's statistics; returns them as they are before it. */
    private long[] rememberStats(long storeId) {
        long[] old = currentStats.get(storeId);
        undo.add(old == null ? new Undo(STATS_REMOVE, longBytes(storeId), null)
                : new Undo(STATS_PUT, longBytes(storeId), statsBytes(old)));
        return old;
    }

    private static long[] statsOf(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new long[] {b.getLong(), b.getLong()};
    }

    private static byte[] statsBytes(long[] s) {
        return ByteBuffer.allocate(16).putLong(s[0]).putLong(s[1]).array();
    }

    long allocateStoreId() {
        long id = counters.getOrDefault(NEXT_STORE_ID_NAME, 1L);
        setCounter(NEXT_STORE_ID_NAME, NEXT_STORE_ID, id, id + 1);
        return id;
    }

    private void setCounter(String name, byte[] key, long old, long value) {
        undo.add(new Undo(COUNTER_SET, key, longBytes(old)));
        redo.record(COUNTER_SET, key, longBytes(value));
        counters.put(name, value);
    }

    void appendChange(long sequence, byte[] entry) {
        byte[] key = longBytes(sequence);
        undo.add(new Undo(LOG_REMOVE, key, null)); // sequence numbers are never reused
        redo.record(LOG_PUT, key, entry);
        changeLog.put(sequence, entry);
    }

    void setLastSequence(long sequence) {
        setCounter(LAST_SEQUENCE_NAME, LAST_SEQUENCE, lastSequence(), sequence);
    }

    void setRelayedSequence(long sequence) {
        setCounter(RELAYED_SEQUENCE_NAME, RELAYED_SEQUENCE, relayedSequence(), sequence);
    }

    void removeChange(long sequence) {
        byte[] key = longBytes(sequence);
        byte[] old = changeLog.get(sequence);
        if (old != null) {
            undo.add(new Undo(LOG_PUT, key, old));
        }
        redo.record(LOG_REMOVE, key, null);
        changeLog.remove(sequence);
    }

    byte[] transactionToken(String token) {
        return transactionTokens.get(token);
    }

    java.util.List<Map.Entry<String, byte[]>> transactionTokens() {
        return java.util.List.copyOf(transactionTokens.entrySet());
    }

    void putTransactionToken(String token, byte[] record) {
        setNamed(TOKEN_PUT, TOKEN_REMOVE, transactionTokens, token, record);
    }

    void removeTransactionToken(String token) {
        setNamed(TOKEN_PUT, TOKEN_REMOVE, transactionTokens, token, null);
    }

    /** The principals of the admin API (name to its record, JSON): committed, or being committed by the writer. */
    public Map<String, byte[]> principals() {
        return java.util.Collections.unmodifiableMap(principals);
    }

    void putPrincipal(String name, byte[] record) {
        setNamed(PRINCIPAL_PUT, PRINCIPAL_REMOVE, principals, name, record);
    }

    void removePrincipal(String name) {
        setNamed(PRINCIPAL_PUT, PRINCIPAL_REMOVE, principals, name, null);
    }

    /** The prepared records of cross-shard transactions (id to record): committed, or being committed by the writer. */
    public Map<String, byte[]> preparedTransactions() {
        return java.util.Collections.unmodifiableMap(preparedTransactions);
    }

    void putPreparedTransaction(String id, byte[] record) {
        setNamed(PREPARED_PUT, PREPARED_REMOVE, preparedTransactions, id, record);
    }

    void removePreparedTransaction(String id) {
        setNamed(PREPARED_PUT, PREPARED_REMOVE, preparedTransactions, id, null);
    }

    /** The decisions of the cross-shard transactions this shard coordinates (id to record). */
    public Map<String, byte[]> transactionDecisions() {
        return java.util.Collections.unmodifiableMap(transactionDecisions);
    }

    void putTransactionDecision(String id, byte[] record) {
        setNamed(DECISION_PUT, DECISION_REMOVE, transactionDecisions, id, record);
    }

    void removeTransactionDecision(String id) {
        setNamed(DECISION_PUT, DECISION_REMOVE, transactionDecisions, id, null);
    }

    /** Applies one replayed operation (see {@link RedoLog}). */
    private void replayed(byte type, byte[] key, byte[] value) {
        switch (type) {
            case ITEM_PUT -> items.put(key, value);
            case ITEM_REMOVE -> items.remove(key);
            case CATALOG_PUT -> catalog.put(new String(key, StandardCharsets.UTF_8), value);
            case CATALOG_REMOVE -> catalog.remove(new String(key, StandardCharsets.UTF_8));
            case STATS_PUT -> stats.put(ByteBuffer.wrap(key).getLong(), statsOf(value));
            case STATS_REMOVE -> stats.remove(ByteBuffer.wrap(key).getLong());
            case LOG_PUT -> changeLog.put(ByteBuffer.wrap(key).getLong(), value);
            case LOG_REMOVE -> changeLog.remove(ByteBuffer.wrap(key).getLong());
            case COUNTER_SET -> counters.put(counter(key), ByteBuffer.wrap(value).getLong());
            case TOKEN_PUT -> transactionTokens.put(new String(key, StandardCharsets.UTF_8), value);
            case TOKEN_REMOVE -> transactionTokens.remove(new String(key, StandardCharsets.UTF_8));
            case INDEX_PUT -> localIndexes.put(key, value);
            case INDEX_REMOVE -> localIndexes.remove(key);
            case PRINCIPAL_PUT -> principals.put(new String(key, StandardCharsets.UTF_8), value);
            case PRINCIPAL_REMOVE -> principals.remove(new String(key, StandardCharsets.UTF_8));
            case PREPARED_PUT -> preparedTransactions.put(new String(key, StandardCharsets.UTF_8), value);
            case PREPARED_REMOVE -> preparedTransactions.remove(new String(key, StandardCharsets.UTF_8));
            case DECISION_PUT -> transactionDecisions.put(new String(key, StandardCharsets.UTF_8), value);
            case DECISION_REMOVE -> transactionDecisions.remove(new String(key, StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("unknown redo operation " + type);
        }
    }

    private static String counter(byte[] name) {
        String counter = new String(name, StandardCharsets.UTF_8);
        if (!counter.equals(NEXT_STORE_ID_NAME) && !counter.equals(LAST_SEQUENCE_NAME)
                && !counter.equals(RELAYED_SEQUENCE_NAME)) {
            throw new IllegalStateException("unknown counter " + counter);
        }
        return counter;
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private void loadStats() {
        currentStats.clear();
        stats.forEach((storeId, s) -> currentStats.put(storeId, s.clone()));
    }

    /** Makes the group commit assembled so far durable: one record in the redo log, one fsync. */
    void commit() {
        redo.flush();
        uncommitted.clear();
        undo.clear();
    }

    /**
     * True when enough has gathered in the redo log since the last checkpoint to make another, and the
     * last one has finished.
     */
    boolean checkpointDue(long nowMillis) {
        return checkpointInFlight.isDone() && (redo.size() >= checkpointBytes || db.unsavedBytes() >= checkpointUnsavedBytes
                || (redo.size() > 0 && nowMillis - lastCheckpointMillis >= checkpointIntervalMillis));
    }

    /**
     * Starts a checkpoint without holding the writer (called on the writer thread, between two group
     * commits): the redo log so far is sealed ({@code shard-0.redo.sealed}) and a new one takes the next
     * commits; another thread commits the store file (every change up to the seal, and perhaps some of
     * the next ones: the new redo log has them too) and then deletes the sealed log. A restart replays the
     * sealed log, if it is still there, then the new one: every operation sets an absolute value, so the
     * end state is the same whatever part of the later changes the store file's commit caught.
     */
    java.util.concurrent.CompletableFuture<Void> checkpointInBackground() {
        if (Files.exists(sealedRedo)) { // the last one failed: its sealed log must not be replaced
            checkpoint();
            return checkpointInFlight;
        }
        flushStats();
        redo.seal(sealedRedo);
        lastCheckpointMillis = System.currentTimeMillis();
        checkpointInFlight = java.util.concurrent.CompletableFuture.runAsync(() -> {
            db.checkpoint();
            RedoLog.deleteSealed(sealedRedo);
        }, checkpointer);
        return checkpointInFlight;
    }

    /** Commits the store file (forced to disk) and empties the redo log, holding the writer: at start and close. */
    void checkpoint() {
        checkpointInFlight.exceptionally(failure -> null).join();
        flushStats();
        db.checkpoint();
        RedoLog.deleteSealed(sealedRedo);
        redo.truncate();
        lastCheckpointMillis = System.currentTimeMillis();
    }

    /** Writes the statistics changed since the last checkpoint into their map. */
    private void flushStats() {
        for (Long storeId : dirtyStats) {
            long[] s = currentStats.get(storeId);
            if (s != null) {
                stats.put(storeId, s.clone());
            }
        }
        dirtyStats.clear();
    }

    /**
     * Undoes the group commit being assembled after an unexpected failure: every value it changed is set
     * back, in reverse order, through the redo log (so that a replay, which never sees the failed commit,
     * ends in the same state even when a checkpoint running meanwhile caught part of it in the store file).
     */
    void rollback() {
        redo.discardPending();
        for (int i = undo.size() - 1; i >= 0; i--) {
            Undo u = undo.get(i);
            redo.record(u.type(), u.key(), u.value());
            long storeId = u.type() == STATS_PUT || u.type() == STATS_REMOVE ? ByteBuffer.wrap(u.key()).getLong() : 0;
            if (u.type() == STATS_PUT) {
                currentStats.put(storeId, statsOf(u.value()));
                dirtyStats.add(storeId);
            } else {
                if (u.type() == STATS_REMOVE) {
                    currentStats.remove(storeId);
                    dirtyStats.remove(storeId);
                }
                replayed(u.type(), u.key(), u.value());
            }
        }
        redo.flush();
        undo.clear();
        uncommitted.clear();
    }

    /** Checkpoints and closes the files; called once the writer has drained, at shutdown. */
    synchronized void close() {
        if (!db.isClosed()) {
            checkpoint();
            checkpointer.shutdown();
            redo.close();
            db.close();
            LOG.infof("Item store closed: %s", file);
        }
    }
}
