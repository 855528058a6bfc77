package io.dynamis.cache.store;

import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.services.NodeAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.map.IMap;
import io.dynamis.cache.cluster.CacheCluster;
import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.model.AttributeValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The item cache: per table, primary key → the whole item, or "no such item" (a negative entry), each
 * entry carrying the time it is valid until (its time to live; see {@link ItemEntry} for the bytes).
 *
 * <p>Here is how it stays coherent. An entry is only ever filled through a <em>fill</em>: before
 * reading an item from item-service (a miss) or writing it (write-through), a unique marker is put
 * under the key; the result replaces the marker when the fill ends. A change from the change log that
 * arrives meanwhile (see {@link #invalidate}) marks the marker with the item as that change left it;
 * the fill's result is then kept only if it equals that image: a read or write that raced with a newer
 * change never puts its older answer back, while a write-through whose own change record came first is
 * kept. A marker found by a reader is a miss. A failed write puts back what was cached before it, so
 * it changes nothing. Every step runs as an entry processor on the member owning the key, atomically,
 * and every step that changes an entry tells every near cache holding a copy (the members' and the
 * gateway's). A change that finds no entry leaves none, but still tells every near cache (see
 * {@link NearCopies}): Hazelcast tells no near cache when a member evicts an entry under its memory bound
 * or expires it, so a copy read before that would otherwise outlive the change. An expired copy answers
 * nothing anywhere, as the entry carries the time it is valid until. Near caches are told by events,
 * fire-and-forget: a copy can answer for the event's delay after the change is applied, and a lost event
 * leaves it answering until Hazelcast's near-cache repair notices the loss or its valid-until time.
 */
@ApplicationScoped
public class ItemCache {

    /** What the cache holds for a key: an item, "no such item" (item null), or nothing usable (a miss). */
    public record Lookup(boolean hit, Map<String, AttributeValue> item) {
        static final Lookup MISS = new Lookup(false, null);
    }

    /** A fill in progress: the marker placed (its id in bytes 1-8), and what was cached before it. */
    public record Fill(String table, String key, byte[] marker, byte[] previous) {
    }

    private final CacheCluster cluster;
    private final CacheWork work;
    private final AcceleratedTables accelerated;

    public ItemCache(CacheCluster cluster, CacheWork work, AcceleratedTables accelerated) {
        this.cluster = cluster;
        this.work = work;
        this.accelerated = accelerated;
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
        accelerated.mark(table);
        IMap<String, byte[]> map = cluster.itemMap(table);
        byte[] marker = ItemEntry.marker(ThreadLocalRandom.current().nextLong());
        byte[] previous = map.put(key, marker);
        return new Fill(table, key, marker, ItemEntry.answers(previous, System.currentTimeMillis()) ? previous : null);
    }

    /**
     * Ends a fill with the item read or written (null: there is no such item): it is cached, for the
     * table's time to live, unless a change that left the item otherwise arrived meanwhile, or the
     * marker is gone (flushed, expired).
     */
    public void complete(Fill fill, Map<String, AttributeValue> item) {
        cluster.itemMap(fill.table()).executeOnKey(fill.key(), new EndFill(fill.marker(), entry(fill.table(), item)));
    }

    /**
     * Ends a fill that learned nothing (the read or write failed): what was cached before comes back,
     * unless a change that left the item otherwise arrived meanwhile.
     */
    public void abandon(Fill fill) {
        cluster.itemMap(fill.table()).executeOnKey(fill.key(), new EndFill(fill.marker(), fill.previous()));
    }

    /**
     * Applies a committed change of the item: an entry that already shows the item as the change left
     * it stays (a write-through of this very change); any other entry is removed; a fill in progress is
     * marked with the change's image (see {@link #complete}); a key with no entry keeps none, and its
     * near-cached copies, if any, are dropped all the same (the member evicted or expired the entry).
     */
    public void invalidate(String table, String key, Map<String, AttributeValue> newImage) {
        IMap<String, byte[]> map = cluster.itemMap(table);
        map.executeOnKey(key, new Invalidation(map.getName(), localMember(), Collections.singletonMap(key, entry(table, newImage))));
    }

    /**
     * {@link #invalidate} for many keys of one table at once (cache key → the item as its last change
     * left it, null for a deletion): one operation per partition instead of one call per key, so a batch
     * of the change log costs a few hops however many records it holds.
     */
    public void invalidateAll(String table, Map<String, Map<String, AttributeValue>> newImages) {
        if (newImages.isEmpty()) {
            return;
        }
        // one operation per partition holding only that partition's keys: executeOnKeys over them all would
        // hand every key to every partition's operation, which checks each one (keys x partitions)
        PartitionService partitions = cluster.hazelcast().getPartitionService();
        Map<Integer, Map<String, byte[]>> byPartition = new HashMap<>();
        newImages.forEach((key, image) -> byPartition
                .computeIfAbsent(partitions.getPartition(key).getPartitionId(), partition -> new HashMap<>())
                .put(key, entry(table, image)));
        IMap<String, byte[]> map = cluster.itemMap(table);
        UUID appliedBy = localMember();
        CompletableFuture<?>[] operations = byPartition.values().stream()
                .map(entries -> map.submitToKeys(entries.keySet(), new Invalidation(map.getName(), appliedBy, entries))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(operations).join();
    }

    private UUID localMember() {
        return cluster.hazelcast().getCluster().getLocalMember().getUuid();
    }

    private byte[] entry(String table, Map<String, AttributeValue> item) {
        return ItemEntry.of(item, System.currentTimeMillis() + cluster.itemTtl(table).toMillis());
    }

    /**
     * Applies a change to each entry it names (cache key → the entry its change leaves: see {@link #invalidate}),
     * on the member that owns the key (never on a near-cached copy). A key with no entry is told to every near cache
     * all the same ({@link NearCopies}): the member may have evicted or expired the entry without telling them.
     * Every member applies every change, so only the owner's own application tells them (once per change, not once
     * per member); the other members' applications change the entry, if any, as the owner's would.
     */
    static final class Invalidation implements EntryProcessor<String, byte[], Boolean>, NodeAware {
        private static final long serialVersionUID = 1L;
        private final Map<String, byte[]> images;
        private final String mapName;
        /** The member applying the change; null on a backup (the owner tells near caches, never a backup). */
        private final UUID appliedBy;
        private transient Node member;

        Invalidation(String mapName, UUID appliedBy, Map<String, byte[]> images) {
            this.mapName = mapName;
            this.appliedBy = appliedBy;
            this.images = images;
        }

        @Override
        public void setNode(Node node) {
            this.member = node;
        }

        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] image = images.get(entry.getKey());
            byte[] current = entry.getValue();
            if (current == null) {
                if (appliedBy != null && appliedBy.equals(member.getThisUuid())) {
                    NearCopies.drop(member, mapName, entry.getKey());
                }
                return false;
            }
            if (ItemEntry.isMarker(current)) {
                entry.setValue(ItemEntry.changedMarker(current, image));
                return true;
            }
            if (ItemEntry.sameItem(current, image)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }

        @Override
        public EntryProcessor<String, byte[], Boolean> getBackupProcessor() {
            return new Invalidation(mapName, null, images);
        }
    }

    /**
     * Ends a fill on the member owning the key: puts {@code value} (the item read or written, or, for a
     * fill that learned nothing, what was cached before it: an entry or nothing) if the marker is
     * untouched or a change reached it with this very image; otherwise the marker is removed.
     */
    static final class EndFill implements EntryProcessor<String, byte[], Boolean> {
        private static final long serialVersionUID = 1L;
        private final byte[] marker;
        private final byte[] value;

        EndFill(byte[] marker, byte[] value) {
            this.marker = marker;
            this.value = value;
        }

        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current == null || !ItemEntry.sameFill(current, marker)) {
                return false; // not our fill any more
            }
            boolean untouched = current[0] == ItemEntry.MARKER;
            if (untouched || ItemEntry.sameItem(ItemEntry.imageOf(current), value)) {
                entry.setValue(value);
                return true;
            }
            entry.setValue(null);
            return false;
        }
    }

    /** Removes the key's entry (a write whose outcome is not known in full). */
    public void forget(String table, String key) {
        cluster.itemMap(table).delete(key);
    }

    public void flush(String table) {
        cluster.itemMap(table).clear();
    }

    private static Lookup decode(byte[] entry) {
        if (!ItemEntry.answers(entry, System.currentTimeMillis())) {
            return Lookup.MISS;
        }
        return new Lookup(true, ItemEntry.item(entry));
    }
}
