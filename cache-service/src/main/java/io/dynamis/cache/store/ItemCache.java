package io.dynamis.cache.store;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.dynamis.cache.cluster.CacheCluster;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The item cache: per table, primary key → the whole item, or "no such item" (a negative entry).
 *
 * <p>Here is how it stays coherent. An entry is only ever filled through a <em>fill</em>: before
 * reading an item from item-service (a miss) or writing it (write-through), a unique marker is put
 * under the key; the result replaces the marker only if the marker is still there. Anything that
 * invalidates the key meanwhile (a change from the change log, see {@link #invalidate}) removes the
 * marker, so a read or write that raced with a newer change never puts its older answer back. A
 * marker found by a reader is a miss. A failed write puts back what was cached before it, so it changes
 * nothing.
 *
 * <p>Entries are byte arrays: a tag byte ({@code 0} no such item, {@code 1} an item followed by its
 * JSON, {@code 2} a fill marker followed by 8 random bytes).
 */
@ApplicationScoped
public class ItemCache {

    private static final byte NEGATIVE = 0;
    private static final byte ITEM = 1;
    private static final byte MARKER = 2;
    private static final byte[] NEGATIVE_ENTRY = {NEGATIVE};

    /** What the cache holds for a key: an item, "no such item" (item null), or nothing usable (a miss). */
    public record Lookup(boolean hit, Map<String, AttributeValue> item) {
        static final Lookup MISS = new Lookup(false, null);
    }

    /** A fill in progress: the marker placed, and what was cached before it. */
    public record Fill(String table, String key, byte[] marker, byte[] previous) {
    }

    private final CacheCluster cluster;

    public ItemCache(CacheCluster cluster) {
        this.cluster = cluster;
    }

    public Lookup lookup(String table, String key) {
        return decode(cluster.itemMap(table).get(key));
    }

    /** {@link #lookup} without blocking: completes at once when the member's near cache holds the key. */
    public CompletionStage<Lookup> lookupAsync(String table, String key) {
        return cluster.itemMap(table).getAsync(key).thenApply(ItemCache::decode);
    }

    /** Places a fill marker under the key; the fill must end with {@link #complete} or {@link #abandon}. */
    public Fill begin(String table, String key) {
        IMap<String, byte[]> map = cluster.itemMap(table);
        byte[] marker = new byte[9];
        marker[0] = MARKER;
        ByteBuffer.wrap(marker, 1, 8).putLong(ThreadLocalRandom.current().nextLong());
        byte[] previous = map.put(key, marker);
        return new Fill(table, key, marker, previous != null && previous[0] != MARKER ? previous : null);
    }

    /** Ends a fill with the item read or written (null: there is no such item), unless it was invalidated meanwhile. */
    public void complete(Fill fill, Map<String, AttributeValue> item) {
        cluster.itemMap(fill.table()).replace(fill.key(), fill.marker(), encode(item));
    }

    /** Ends a fill that learned nothing (the read or write failed): what was cached before comes back. */
    public void abandon(Fill fill) {
        IMap<String, byte[]> map = cluster.itemMap(fill.table());
        if (fill.previous() == null) {
            map.remove(fill.key(), fill.marker());
        } else {
            map.replace(fill.key(), fill.marker(), fill.previous());
        }
    }

    /**
     * Applies a committed change of the item: an entry that already shows the item as the change left it
     * stays (a write-through of this very change); any other entry, or a fill in progress, is removed.
     */
    public void invalidate(String table, String key, Map<String, AttributeValue> newImage) {
        cluster.itemMap(table).executeOnKey(key, new Invalidation(newImage == null ? null : encode(newImage)));
    }

    /**
     * The invalidation of one entry by a change, run atomically on the member that owns it (never on a
     * near-cached copy): keeps an entry that equals the change's new image, removes anything else.
     */
    static final class Invalidation implements EntryProcessor<String, byte[], Boolean> {
        private static final long serialVersionUID = 1L;
        private final byte[] newImage;

        Invalidation(byte[] newImage) {
            this.newImage = newImage;
        }

        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current == null) {
                return false;
            }
            Map<String, AttributeValue> after = newImage == null ? null : decode(newImage).item();
            if (current[0] != MARKER && Objects.equals(decode(current).item(), after)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
    }

    /** Removes the key's entry (a write whose outcome is not known in full). */
    public void forget(String table, String key) {
        cluster.itemMap(table).delete(key);
    }

    public void flush(String table) {
        cluster.itemMap(table).clear();
    }

    private static byte[] encode(Map<String, AttributeValue> item) {
        if (item == null) {
            return NEGATIVE_ENTRY;
        }
        byte[] json = Json.toBytes(AttributeValueCodec.encodeItem(item));
        byte[] entry = new byte[json.length + 1];
        entry[0] = ITEM;
        System.arraycopy(json, 0, entry, 1, json.length);
        return entry;
    }

    private static Lookup decode(byte[] entry) {
        if (entry == null || entry.length == 0 || entry[0] == MARKER) {
            return Lookup.MISS;
        }
        if (entry[0] == NEGATIVE) {
            return new Lookup(true, null);
        }
        return new Lookup(true, AttributeValueCodec.decodeItem(Json.readTree(Arrays.copyOfRange(entry, 1, entry.length))));
    }
}
