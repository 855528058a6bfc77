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
 * under the key; the result replaces the marker when the fill ends. A change from the change log that
 * arrives meanwhile (see {@link #invalidate}) marks the marker with the item as that change left it;
 * the fill's result is then kept only if it equals that image: a read or write that raced with a newer
 * change never puts its older answer back, while a write-through whose own change record came first is
 * kept. A marker found by a reader is a miss. A failed write puts back what was cached before it, so
 * it changes nothing. Every step runs as an entry processor on the member owning the key, atomically.
 *
 * <p>Entries are byte arrays: a tag byte ({@code 0} no such item, {@code 1} an item followed by its
 * JSON, {@code 2} a fill marker followed by its 8-byte id, {@code 3} a fill marker that a change
 * reached: its id followed by the change's image, itself tagged 0 or 1).
 */
@ApplicationScoped
public class ItemCache {

    private static final byte NEGATIVE = 0;
    private static final byte ITEM = 1;
    private static final byte MARKER = 2;
    private static final byte CHANGED_MARKER = 3;
    private static final int MARKER_BYTES = 9;
    private static final byte[] NEGATIVE_ENTRY = {NEGATIVE};

    /** What the cache holds for a key: an item, "no such item" (item null), or nothing usable (a miss). */
    public record Lookup(boolean hit, Map<String, AttributeValue> item) {
        static final Lookup MISS = new Lookup(false, null);
    }

    /** A fill in progress: the marker placed (its id in bytes 1-8), and what was cached before it. */
    public record Fill(String table, String key, byte[] marker, byte[] previous) {
    }

    private final CacheCluster cluster;
    private final CacheWork work;

    public ItemCache(CacheCluster cluster, CacheWork work) {
        this.cluster = cluster;
        this.work = work;
    }

    public Lookup lookup(String table, String key) {
        return decode(cluster.itemMap(table).get(key));
    }

    /** {@link #lookup} without blocking: completes at once when the member's near cache holds the key. */
    public CompletionStage<Lookup> lookupAsync(String table, String key) {
        return ClusterReads.then(cluster.itemMap(table).getAsync(key), ItemCache::decode, work);
    }

    /** Places a fill marker under the key; the fill must end with {@link #complete} or {@link #abandon}. */
    public Fill begin(String table, String key) {
        IMap<String, byte[]> map = cluster.itemMap(table);
        byte[] marker = new byte[MARKER_BYTES];
        marker[0] = MARKER;
        ByteBuffer.wrap(marker, 1, 8).putLong(ThreadLocalRandom.current().nextLong());
        byte[] previous = map.put(key, marker);
        return new Fill(table, key, marker, previous != null && !isMarker(previous) ? previous : null);
    }

    /**
     * Ends a fill with the item read or written (null: there is no such item): it is cached unless a
     * change that left the item otherwise arrived meanwhile, or the marker is gone (flushed, expired).
     */
    public void complete(Fill fill, Map<String, AttributeValue> item) {
        cluster.itemMap(fill.table()).executeOnKey(fill.key(), new EndFill(fill.marker(), encode(item), true));
    }

    /** Ends a fill that learned nothing (the read or write failed): what was cached before comes back. */
    public void abandon(Fill fill) {
        cluster.itemMap(fill.table()).executeOnKey(fill.key(), new EndFill(fill.marker(), fill.previous(), false));
    }

    /**
     * Applies a committed change of the item: an entry that already shows the item as the change left
     * it stays (a write-through of this very change); any other entry is removed; a fill in progress is
     * marked with the change's image (see {@link #complete}).
     */
    public void invalidate(String table, String key, Map<String, AttributeValue> newImage) {
        cluster.itemMap(table).executeOnKey(key, new Invalidation(encode(newImage)));
    }

    /** Applies a change to one entry, on the member that owns it (never on a near-cached copy). */
    static final class Invalidation implements EntryProcessor<String, byte[], Boolean> {
        private static final long serialVersionUID = 1L;
        private final byte[] image;

        Invalidation(byte[] image) {
            this.image = image;
        }

        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current == null) {
                return false;
            }
            if (isMarker(current)) {
                byte[] changed = new byte[MARKER_BYTES + image.length];
                System.arraycopy(current, 0, changed, 0, MARKER_BYTES);
                changed[0] = CHANGED_MARKER;
                System.arraycopy(image, 0, changed, MARKER_BYTES, image.length);
                entry.setValue(changed);
                return true;
            }
            if (sameItem(current, image)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
    }

    /**
     * Ends a fill on the member owning the key: with {@code cache}, puts {@code value} if the marker is
     * untouched or a change reached it with this very image; otherwise puts back {@code value} (what
     * was cached before, or nothing) if the marker is untouched. A marker that a change reached and
     * that is not filled is removed.
     */
    static final class EndFill implements EntryProcessor<String, byte[], Boolean> {
        private static final long serialVersionUID = 1L;
        private final byte[] marker;
        private final byte[] value;
        private final boolean cache;

        EndFill(byte[] marker, byte[] value, boolean cache) {
            this.marker = marker;
            this.value = value;
            this.cache = cache;
        }

        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current == null || !isMarker(current) || !Arrays.equals(current, 1, MARKER_BYTES, marker, 1, MARKER_BYTES)) {
                return false; // not our fill any more
            }
            boolean untouched = current[0] == MARKER;
            if (untouched || (cache && sameItem(Arrays.copyOfRange(current, MARKER_BYTES, current.length), value))) {
                entry.setValue(value);
                return true;
            }
            entry.setValue(null);
            return false;
        }
    }

    private static boolean isMarker(byte[] entry) {
        return entry.length > 0 && (entry[0] == MARKER || entry[0] == CHANGED_MARKER);
    }

    /** Whether two entries (no such item, or an item) say the same. */
    private static boolean sameItem(byte[] one, byte[] other) {
        if (one == null || other == null || isMarker(one) || isMarker(other)) {
            return false;
        }
        return Objects.equals(decode(one).item(), decode(other).item());
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
        if (entry == null || entry.length == 0 || isMarker(entry)) {
            return Lookup.MISS;
        }
        if (entry[0] == NEGATIVE) {
            return new Lookup(true, null);
        }
        return new Lookup(true, AttributeValueCodec.decodeItem(Json.readTree(Arrays.copyOfRange(entry, 1, entry.length))));
    }
}
