package io.dynamis.cache.store;

import com.hazelcast.instance.impl.Node;
import com.hazelcast.map.impl.MapContainer;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import java.util.UUID;

/**
 * Tells every near cache of a map (each member's and each gateway's) to drop its copy of a key whose entry the
 * owning member no longer holds, as Hazelcast tells them after any change of an entry it holds.
 *
 * <p>Why: Hazelcast (5.5) tells no near cache when a member evicts an entry under the map's memory bound or
 * expires it (the eviction runs no invalidation, only statistics and entry listeners; see
 * hazelcast/hazelcast#26449 for expiry). A copy read before the eviction outlives the entry, and a later change
 * that finds no entry changes nothing, so Hazelcast would tell nobody: the copy would be served until the time the
 * entry itself says it is valid until. This sends that change's invalidation anyway.
 *
 * <p>It must run on the partition thread of the member owning the key (inside an entry processor there), and only
 * there, not on a backup: it goes through Hazelcast's own near-cache invalidator, exactly as a map operation's
 * {@code invalidateNearCache} does, so the invalidation carries the partition's next sequence number and each near
 * cache's repairing sees it as any other. That invalidator is not public API: a Hazelcast upgrade that moves it
 * breaks the build here, and {@code EvictedEntryCoherenceTest} checks the behaviour.
 */
final class NearCopies {

    /**
     * The change's source as near caches see it: none of them. A near cache skips an invalidation whose source is
     * its own member or client (which dropped its copy when it made the change), so a member's own id would spare
     * the owner's near cache.
     */
    private static final UUID NO_NEAR_CACHE = new UUID(0, 0);

    private NearCopies() {
    }

    /** Tells every near cache of {@code mapName} holding a copy of {@code key} to drop it; nothing when none listens. */
    static void drop(Node member, String mapName, String key) {
        MapServiceContext maps = member.getNodeEngine().<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
        MapContainer map = maps.getExistingMapContainer(mapName);
        if (map == null || !map.hasInvalidationListener()) {
            return; // no near cache of this map anywhere
        }
        maps.getMapNearCacheManager().getInvalidator().invalidateKey(maps.toData(key), mapName, NO_NEAR_CACHE);
    }
}
