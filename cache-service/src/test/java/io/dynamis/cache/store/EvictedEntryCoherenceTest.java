package io.dynamis.cache.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.model.AttributeValue;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A near-cached copy of an entry that its owner evicted under the memory bound, on a real one-member cluster with a
 * client like the gateway's: Hazelcast tells no near cache of an eviction, so the copies outlive the entry; a
 * later change of the item, which finds no entry on the owner, must still reach every near cache.
 */
class EvictedEntryCoherenceTest {

    private static final String TABLE = "evicting";
    private static final Map<String, AttributeValue> A = Map.of("pk", AttributeValue.s("k"), "v", AttributeValue.s("a"));
    private static final Map<String, AttributeValue> B = Map.of("pk", AttributeValue.s("k"), "v", AttributeValue.s("b"));
    /** Filler entries written past the 1 MB bound before the owner evicts the key, at most. */
    private static final int MAX_FILLERS = 20_000;

    private static TestCluster cluster;
    private static ItemCache cache;
    private static HazelcastInstance gateway;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(Map.of("dynamis.cache.tables." + TABLE + ".item-max-mb", "1"));
        cache = new ItemCache(cluster.cluster, cluster.work, cluster.accelerated);
        ClientConfig client = new ClientConfig();
        client.setClusterName(cluster.config.cluster().name());
        client.setProperty("hazelcast.phone.home.enabled", "false");
        client.getNetworkConfig().addAddress("127.0.0.1:" + cluster.config.cluster().port());
        client.addNearCacheConfig(new NearCacheConfig(ItemEntry.MAP_PREFIX + "*")
                .setInMemoryFormat(InMemoryFormat.OBJECT).setInvalidateOnChange(true));
        gateway = HazelcastClient.newHazelcastClient(client);
    }

    @AfterAll
    static void stop() {
        gateway.shutdown();
        cluster.close();
    }

    @Test
    void aChangeOfAnEntryItsOwnerEvictedReachesEveryNearCache() throws InterruptedException {
        cache.complete(cache.begin(TABLE, "k"), A);
        byte[] cached = cluster.stored(TABLE, "k");
        IMap<String, byte[]> gatewayMap = gateway.getMap(ItemEntry.MAP_PREFIX + TABLE);
        for (int read = 0; read < 2; read++) { // the first read fills each near cache, the second is served by it
            assertEquals(new ItemCache.Lookup(true, A), cache.lookup(TABLE, "k"));
            assertArrayEquals(cached, gatewayMap.get("k"));
        }
        evictOnItsOwner("k");
        assertEquals(new ItemCache.Lookup(true, A), cache.lookup(TABLE, "k"),
                "the member's near cache was told of the eviction (then this test no longer shows the gap it closes)");
        assertArrayEquals(cached, gatewayMap.get("k"), "the gateway's near cache was told of the eviction");

        cache.invalidateAll(TABLE, Map.of("k", B)); // a write through :8000, as the change log brings it

        assertEquals(ItemCache.Lookup.MISS, eventually(ItemCache.Lookup.MISS, () -> cache.lookup(TABLE, "k")),
                "the member's near cache still serves the item from before the change");
        assertNull(eventually(null, () -> gatewayMap.get("k")), "the gateway's near cache still serves the item from before the change");
        assertNull(cluster.stored(TABLE, "k"), "a change that finds no entry caches nothing");
    }

    /** Writes other entries of the key's partition past the table's memory bound until its owner has evicted the key. */
    private static void evictOnItsOwner(String key) {
        IMap<String, byte[]> map = cluster.cluster.itemMap(TABLE);
        var partitions = cluster.cluster.hazelcast().getPartitionService();
        int partition = partitions.getPartition(key).getPartitionId();
        byte[] filler = new byte[1000];
        int written = 0;
        // getEntryView reads the owner's entry without touching it: an entry processor or a get would count as a use
        for (int i = 0; written < MAX_FILLERS && map.getEntryView(key) != null; i++) {
            String other = "filler-" + i;
            if (partitions.getPartition(other).getPartitionId() == partition) {
                map.set(other, filler);
                written++;
            }
        }
        assertNull(map.getEntryView(key), "the owner kept the key after " + written + " other entries of 1 KB");
    }

    /** What {@code read} finds once it finds {@code expected}, or after 5 s (near caches are told by events). */
    private static <T> T eventually(T expected, Supplier<T> read) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        T found = read.get();
        while (!java.util.Objects.equals(found, expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            found = read.get();
        }
        return found;
    }
}
