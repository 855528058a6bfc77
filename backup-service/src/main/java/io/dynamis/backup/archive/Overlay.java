package io.dynamis.backup.archive;

import io.dynamis.core.storage.StoreFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;

/**
 * The latest change of each item up to a time, over a start (a table's copy or a snapshot): the items of
 * the state at that time are the start's items the overlay does not name, and the overlay's own. Kept in a
 * temporary store file (a window may hold millions of changes), in the same key order as the start, so the
 * state is one merge of two ordered walks, never a lookup per item.
 */
final class Overlay implements AutoCloseable {

    /** An item removed by the time asked for. */
    private static final byte[] REMOVED = new byte[0];
    /** Both sides' keys begin with an 8-byte prefix of their own (the table's, the copy's, the snapshot's). */
    private static final int PREFIX = 8;

    private final Path file;
    private final StoreFile store;
    private final MVMap<byte[], byte[]> latest;
    private long items;

    Overlay() {
        try {
            file = Files.createTempFile("dynamis-overlay-", ".mv");
            Files.delete(file); // the store creates it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for a table's state", e);
        }
        store = StoreFile.open(file, 16);
        latest = store.bytesMap("latest");
    }

    /** Records the item's latest change so far: its JSON, or null for its removal. */
    void put(byte[] key, byte[] item) {
        byte[] replaced = latest.put(key, item == null ? REMOVED : item);
        items += (item != null ? 1 : 0) - (replaced != null && replaced.length > 0 ? 1 : 0);
    }

    /** How many items of the state {@code start} and this overlay make. */
    long count(Iterable<Map.Entry<byte[], byte[]>> start) {
        long[] count = {items};
        merge(start, startItem -> count[0]++, overlaid -> { });
        return count[0];
    }

    /** Hands every item of the state {@code start} and this overlay make to {@code sink}, in key order. */
    void forEachItem(Iterable<Map.Entry<byte[], byte[]>> start, Consumer<byte[]> sink) {
        merge(start, sink, sink);
    }

    private void merge(Iterable<Map.Entry<byte[], byte[]>> start, Consumer<byte[]> startItems, Consumer<byte[]> overlaidItems) {
        Iterator<Map.Entry<byte[], byte[]>> base = start.iterator();
        Iterator<Map.Entry<byte[], byte[]>> changes = StoreFile.range(latest, null, null, true).iterator();
        Map.Entry<byte[], byte[]> next = base.hasNext() ? base.next() : null;
        Map.Entry<byte[], byte[]> change = changes.hasNext() ? changes.next() : null;
        while (next != null || change != null) {
            int order = next == null ? 1 : change == null ? -1 : compare(next.getKey(), change.getKey());
            if (order < 0) {
                startItems.accept(next.getValue());
            } else if (change.getValue().length > 0) {
                overlaidItems.accept(change.getValue());
            }
            if (order <= 0) {
                next = base.hasNext() ? base.next() : null;
            }
            if (order >= 0) {
                change = changes.hasNext() ? changes.next() : null;
            }
        }
    }

    private static int compare(byte[] one, byte[] other) {
        return Arrays.compareUnsigned(one, PREFIX, one.length, other, PREFIX, other.length);
    }

    @Override
    public void close() {
        try {
            store.rollback(); // nothing of it is worth writing
            store.close();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file: the system's cleaning takes it
            }
        }
    }
}
