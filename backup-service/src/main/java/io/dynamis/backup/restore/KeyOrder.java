package io.dynamis.backup.restore;

import io.dynamis.core.json.StoredItemDecoder;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.PrimaryKeySchema;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts a restore's items in the order item-service stores them ({@link KeyCodec}: partition hash, partition key,
 * sort key) before they are loaded, so that the single writer appends to its B-tree instead of writing all over it.
 *
 * <p>Why: the archive hands a table's state out in its own key order (the key attributes' text), which is random
 * against the item store's partition-hash order. Loaded in that order, every item of a million-item restore looked
 * up and changed a different leaf of a tree larger than the store's page cache, and each checkpoint (every ~40 MB
 * of changed pages) wrote most of the table's leaves again. In the store's order, each lookup and put follows the
 * same path as the last one and a checkpoint writes the new leaves once.
 *
 * <p>How: an external merge sort. Items gather in runs of {@link #RUN_ITEMS} (a few tens of MB), each run is sorted
 * by its items' encoded keys and, unless it is the only one, written to a file of its own in the spill folder
 * (backup-service's {@code <dataDir>/restore-runs}, on a thread of its own, while the restore reads the next run);
 * at {@link #finish} the
 * runs are merged and handed to the sink in order. Only the key attributes of an item are parsed here
 * ({@link StoredItemDecoder#twoAttributes}); the item's bytes go through as they came.
 */
final class KeyOrder implements AutoCloseable {

    /** Items sorted in memory at once: ~100 bytes of overhead each beside the item's own bytes. */
    static final int RUN_ITEMS = 50_000;

    private record Entry(byte[] key, byte[] item) {
    }

    private static final Comparator<Entry> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key, b.key);

    private final PrimaryKeySchema schema;
    private final int runItems;
    private final Consumer<byte[]> sink;
    private final Path spillFolder;
    private final List<Path> runs = new ArrayList<>();
    private List<Entry> current;
    /** The run being sorted and written beside the reading, if any. */
    private java.util.concurrent.CompletableFuture<Void> spilling = java.util.concurrent.CompletableFuture.completedFuture(null);

    /** Sorts and writes full runs while the restore goes on reading the next one (shared by every restore). */
    private static final java.util.concurrent.ExecutorService SPILLER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "restore-sort");
                thread.setDaemon(true);
                return thread;
            });

    KeyOrder(PrimaryKeySchema schema, Path spillFolder, Consumer<byte[]> sink) {
        this(schema, RUN_ITEMS, spillFolder, sink);
    }

    KeyOrder(PrimaryKeySchema schema, int runItems, Path spillFolder, Consumer<byte[]> sink) {
        this.schema = schema;
        this.runItems = runItems;
        this.spillFolder = spillFolder;
        this.sink = sink;
        this.current = new ArrayList<>(Math.min(runItems, 4096));
    }

    /**
     * Deletes the run files a restore left in the spill folder when its process stopped (they belong to a restore
     * that is marked FAILED at the same start); called before any restore runs.
     */
    static void emptySpillFolder(Path spillFolder) {
        if (!Files.isDirectory(spillFolder)) {
            return;
        }
        try (var files = Files.list(spillFolder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the restore spill folder " + spillFolder, e);
        }
    }

    /** Takes one item (DynamoDB JSON bytes). */
    void add(byte[] item) {
        current.add(new Entry(keyOf(item), item));
        if (current.size() >= runItems) {
            spill();
        }
    }

    /** Hands every item taken to the sink, in the item store's key order. */
    void finish() {
        if (runs.isEmpty()) {
            current.sort(BY_KEY);
            current.forEach(entry -> sink.accept(entry.item));
            current = new ArrayList<>();
            return;
        }
        if (!current.isEmpty()) {
            spill();
        }
        awaitSpill();
        merge();
    }

    /** The item's key as item-service encodes it (the store id left at 0: one table, so the order is the same). */
    byte[] keyOf(byte[] item) {
        String sortName = schema.hasSortKey() ? schema.sortKey().name() : null;
        AttributeValue[] key = StoredItemDecoder.twoAttributes(item, schema.partitionKey().name(), sortName);
        if (key[0] == null || (sortName != null && key[1] == null)) {
            throw new IllegalStateException("an archived item lacks its key attributes");
        }
        return KeyCodec.encode(0, key[0], key[1]);
    }

    /** Sorts the current run and writes it to a file of its own, beside the reading (one run in flight). */
    private void spill() {
        awaitSpill();
        List<Entry> run = current;
        Path file;
        try {
            Files.createDirectories(spillFolder);
            file = Files.createTempFile(spillFolder, "run-", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a sorted run of a restore's items", e);
        }
        runs.add(file);
        spilling = java.util.concurrent.CompletableFuture.runAsync(() -> write(run, file), SPILLER);
        current = new ArrayList<>(Math.min(runItems, 4096));
    }

    private static void write(List<Entry> run, Path file) {
        run.sort(BY_KEY);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Entry entry : run) {
                out.writeInt(entry.key.length);
                out.write(entry.key);
                out.writeInt(entry.item.length);
                out.write(entry.item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sorted run of a restore's items", e);
        }
    }

    private void awaitSpill() {
        try {
            spilling.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** One open run during the merge, with its next entry. */
    private static final class Run {
        private final DataInputStream in;
        private Entry next;

        Run(Path file) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            advance();
        }

        void advance() throws IOException {
            int keyLength;
            try {
                keyLength = in.readInt();
            } catch (EOFException end) {
                next = null;
                return;
            }
            byte[] key = in.readNBytes(keyLength);
            byte[] item = in.readNBytes(in.readInt());
            next = new Entry(key, item);
        }
    }

    private void merge() {
        List<Run> open = new ArrayList<>();
        try {
            PriorityQueue<Run> queue = new PriorityQueue<>((a, b) -> BY_KEY.compare(a.next, b.next));
            for (Path file : runs) {
                Run run = new Run(file);
                open.add(run);
                if (run.next != null) {
                    queue.add(run);
                }
            }
            while (!queue.isEmpty()) {
                Run run = queue.poll();
                sink.accept(run.next.item);
                run.advance();
                if (run.next != null) {
                    queue.add(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a sorted run of a restore's items", e);
        } finally {
            for (Run run : open) {
                try {
                    run.in.close();
                } catch (IOException ignored) {
                    // closing a run file we delete next
                }
            }
        }
    }

    /** Deletes the run files (after the run being written, if any). */
    @Override
    public void close() {
        spilling.exceptionally(failure -> null).join();
        for (Path file : runs) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left behind: the next start of backup-service empties the spill folder
            }
        }
        runs.clear();
    }
}
