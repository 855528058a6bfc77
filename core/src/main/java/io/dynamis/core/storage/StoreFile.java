package io.dynamis.core.storage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * One store file: H2's MVStore with its maps, committed only when its owner says so ({@link #checkpoint}).
 *
 * <p>Why this file format: it is append-only and copy-on-write, so a crash (even {@code kill -9} in the
 * middle of a commit) leaves the file at its last complete commit; MapDB 3.1's transactional file did
 * not reopen after a few such crashes (bench/storage-crash). Readers use the maps from any thread without
 * locks and see the owner's changes as they are made; a commit writes the changed pages as one new chunk.
 *
 * <p>Old chunks are kept for {@code retention} before their space is reused; every checkpoint forces the
 * file to disk itself, so that time only guards against a disk that lies about its flushes.
 *
 * <p>Space: a commit writes every page it changed as a new chunk, and a chunk's space is reused only once none
 * of its pages is live. Writes to keys spread over a large map (items hashed by partition) leave every old chunk
 * holding a few live pages, so without more the file only grows (9.4 GB for a million ~250-byte items). MVStore
 * compacts in its background thread, which a file committed only by its owner does not run; so each checkpoint
 * does that part itself: when the chunks hold less than {@link #TARGET_FILL_PERCENT} live data, the live pages of
 * the sparsest old chunks (at most {@link #REWRITE_BYTES}) are marked changed, the next checkpoint writes them
 * with its own changes, and the emptied chunks are reused after the retention time. Nothing is committed outside
 * a checkpoint: a rewritten page holds the same entries, so a crash leaves the file at its last checkpoint as
 * before.
 */
public final class StoreFile implements AutoCloseable {

    private static final int RETENTION_MILLIS = 5_000;
    /**
     * Pages split past 4 KB of memory (MVStore's default: 16 KB, or 48 keys): a checkpoint writes every page
     * changed since the last one again, so under random writes the bytes written (and allocated to serialize
     * them) per change scale with the size of a leaf. Set on the file store ({@link ChunkBufferStore}): H2 2.3
     * ignores its builder's {@code pageSplitSize}, so until 2026-12-07 every store split at 16 KB.
     */
    private static final int PAGE_SPLIT_BYTES = 4 * 1024;
    /** Live data in the file's chunks below which a checkpoint rewrites the sparsest old ones. */
    static final int TARGET_FILL_PERCENT = 50;
    /** Live bytes a checkpoint rewrites at most, so that one checkpoint's extra work stays bounded. */
    private static final int REWRITE_BYTES = 16 << 20;

    /**
     * Every store file of this process not closed by {@link #close}: one whose MVStore closed itself (MVStore
     * closes for good when a write of the file fails, an OutOfMemoryError included) stays here, so that
     * {@link #failedFiles} can tell the health check.
     */
    private static final Set<StoreFile> OPEN = ConcurrentHashMap.newKeySet();

    private final MVStore store;
    private final Path file;

    /** Leaves the limit of unsaved changes to MVStore (its default scales with the heap, up to 19 MB). */
    private static final int DEFAULT_UNSAVED_MEGABYTES = 0;

    private StoreFile(Path file, int cacheMegabytes, int unsavedMegabytes, int retentionMillis) {
        this.file = file;
        Map<String, Object> fileConfig = new HashMap<>();
        fileConfig.put("cacheSize", cacheMegabytes);
        ChunkBufferStore fileStore = new ChunkBufferStore(fileConfig, PAGE_SPLIT_BYTES);
        fileStore.open(file.toString(), false, null);
        MVStore.Builder builder = new MVStore.Builder()
                .adoptFileStore(fileStore) // closed with the store
                .autoCommitDisabled();
        try {
            this.store = (unsavedMegabytes > 0 ? builder.autoCommitBufferSize(unsavedMegabytes * 1024) : builder).open();
        } catch (RuntimeException e) {
            fileStore.close();
            throw e;
        }
        store.setRetentionTime(retentionMillis);
        OPEN.add(this);
    }

    /** The store files of this process that closed themselves after a failure: they can no longer be used. */
    public static List<Path> failedFiles() {
        return OPEN.stream().filter(StoreFile::isClosed).map(StoreFile::path).sorted().toList();
    }

    /** For tests: closes the store as MVStore does after a failed write, without committing. */
    void closeAsAfterAFailure() {
        store.closeImmediately();
    }

    /** Opens (or creates) the store file, with a page cache of {@code cacheMegabytes}. */
    public static StoreFile open(Path file, int cacheMegabytes) {
        return new StoreFile(file, cacheMegabytes, DEFAULT_UNSAVED_MEGABYTES, RETENTION_MILLIS);
    }

    /**
     * Opens (or creates) the store file, with a page cache of {@code cacheMegabytes}; a thread that changes
     * a map while more than {@code unsavedMegabytes} of changes are not yet committed commits the file itself
     * (MVStore's back pressure), so an owner that checkpoints from a thread of its own sets this above the
     * point where it checkpoints ({@link #unsavedBytes}).
     */
    public static StoreFile open(Path file, int cacheMegabytes, int unsavedMegabytes) {
        return new StoreFile(file, cacheMegabytes, unsavedMegabytes, RETENTION_MILLIS);
    }

    /** For tests: old chunks kept for {@code retentionMillis} (0: their space is reused at the next commit). */
    static StoreFile open(Path file, int cacheMegabytes, int unsavedMegabytes, int retentionMillis) {
        return new StoreFile(file, cacheMegabytes, unsavedMegabytes, retentionMillis);
    }

    /** MVStore's estimate of the memory its changes since the last checkpoint hold. */
    public long unsavedBytes() {
        return store.getUnsavedMemory();
    }

    public Path path() {
        return file;
    }

    /** A map of byte keys in unsigned order to byte values. */
    public MVMap<byte[], byte[]> bytesMap(String name) {
        return map(name, UnsignedBytes.INSTANCE, UnsignedBytes.INSTANCE);
    }

    /** A map of long keys (sequence numbers, ids) to byte values. */
    public MVMap<Long, byte[]> longMap(String name) {
        return map(name, LongDataType.INSTANCE, UnsignedBytes.INSTANCE);
    }

    /** A map of names to byte values. */
    public MVMap<String, byte[]> namedMap(String name) {
        return map(name, StringDataType.INSTANCE, UnsignedBytes.INSTANCE);
    }

    /** A map of long keys (ids, shard numbers) to arrays of longs (statistics, sequence sets). */
    public MVMap<Long, long[]> longArrays(String name) {
        return map(name, LongDataType.INSTANCE, LongArrays.INSTANCE);
    }

    /** A map of names to longs: counters. */
    public MVMap<String, Long> counters(String name) {
        return map(name, StringDataType.INSTANCE, LongDataType.INSTANCE);
    }

    private <K, V> MVMap<K, V> map(String name, DataType<K> keys, DataType<V> values) {
        return store.openMap(name, new MVMap.Builder<K, V>().keyType(keys).valueType(values));
    }

    /** True when the file holds no map yet: a new file. */
    public boolean isNew() {
        return store.getMapNames().isEmpty();
    }

    /**
     * Writes every change since the last checkpoint as one commit and forces it to disk; then, if the file has
     * grown sparse, marks the live pages of its sparsest old chunks for the next checkpoint to write again.
     */
    public void checkpoint() {
        store.commit();
        store.sync();
        store.compact(TARGET_FILL_PERCENT, REWRITE_BYTES);
    }

    /** Forgets every change since the last checkpoint: the maps are as that checkpoint left them. */
    public void rollback() {
        store.rollback();
    }

    /** Holds a version of the file: see {@link #pinVersion}. */
    public interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Pins the file's current version until the pin is closed: no chunk that version needs is reused meanwhile,
     * whatever the checkpoints (and their compaction) do. A cursor reads the version it started on, and reads
     * its pages back from their chunks; one that lives longer than the retention time (a restore reading a
     * table's copy for minutes) takes a pin first, or its pages may be gone when it gets to them.
     */
    public Pin pinVersion() {
        MVStore.TxCounter counter = store.registerVersionUsage();
        return () -> store.deregisterVersionUsage(counter);
    }

    /** Bytes of the file on disk. */
    public long fileSize() {
        return file.toFile().length();
    }

    public boolean isClosed() {
        return store.isClosed();
    }

    /** Checkpoints what is left and closes the file (compacting it briefly). */
    @Override
    public void close() {
        OPEN.remove(this);
        if (!store.isClosed()) {
            store.commit();
            store.close(200);
        }
    }

    /**
     * The entries of a map whose keys fall in [from, to) ({@code from} null: from the start, {@code to}
     * null: to the end), in key order or reversed. Lazy: each step reads the map as it is then.
     */
    public static <K, V> Iterable<Map.Entry<K, V>> range(MVMap<K, V> map, K from, K to, boolean forward) {
        return range(map, from, true, to, false, forward);
    }

    /** The entries of a map between two keys, each bound included or not, in key order or reversed. */
    public static <K, V> Iterable<Map.Entry<K, V>> range(MVMap<K, V> map, K from, boolean fromIncluded, K to,
            boolean toIncluded, boolean forward) {
        K excludedFrom = fromIncluded ? null : from;
        K excludedTo = toIncluded ? null : to;
        return () -> new RangeIterator<>(forward ? map.cursor(from, to, false) : map.cursor(to, from, true),
                map.getKeyType(), excludedFrom, excludedTo);
    }

    /** Walks a cursor over the closed range the map gives, leaving out the excluded bounds. */
    private static final class RangeIterator<K, V> implements Iterator<Map.Entry<K, V>> {
        private final Cursor<K, V> cursor;
        private final DataType<K> keys;
        private final K excludedFrom;
        private final K excludedTo;
        private Map.Entry<K, V> next;

        RangeIterator(Cursor<K, V> cursor, DataType<K> keys, K excludedFrom, K excludedTo) {
            this.cursor = cursor;
            this.keys = keys;
            this.excludedFrom = excludedFrom;
            this.excludedTo = excludedTo;
            advance();
        }

        private void advance() {
            next = null;
            while (next == null && cursor.hasNext()) {
                K key = cursor.next();
                if ((excludedFrom == null || keys.compare(key, excludedFrom) != 0)
                        && (excludedTo == null || keys.compare(key, excludedTo) != 0)) {
                    next = Map.entry(key, cursor.getValue());
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map.Entry<K, V> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Map.Entry<K, V> current = next;
            advance();
            return current;
        }
    }
}
