package io.dynamis.cache.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.model.AttributeValue;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The item cache's coherence rules, on a real one-member cluster: an entry is filled only through a fill marker;
 * a change applied meanwhile decides whether the fill's answer may be kept; a change that finds no entry leaves
 * none; a failed write puts back what was there. Each test uses a table of its own.
 */
class ItemCacheTest {

    private static final Map<String, AttributeValue> A = Map.of("pk", AttributeValue.s("k"), "v", AttributeValue.s("a"));
    private static final Map<String, AttributeValue> B = Map.of("pk", AttributeValue.s("k"), "v", AttributeValue.s("b"));

    private static TestCluster cluster;
    private static ItemCache cache;
    private String table;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(Map.of());
        cache = new ItemCache(cluster.cluster, cluster.work, cluster.accelerated);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void table(TestInfo test) {
        table = test.getTestMethod().orElseThrow().getName();
    }

    /** What a read finds, once the member's near cache has been told of every change (bounded wait). */
    private ItemCache.Lookup lookup(ItemCache.Lookup expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        ItemCache.Lookup found = cache.lookup(table, "k");
        while (!found.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            found = cache.lookup(table, "k");
        }
        return found;
    }

    private static ItemCache.Lookup hit(Map<String, AttributeValue> item) {
        return new ItemCache.Lookup(true, item);
    }

    private byte[] stored() {
        return cluster.stored(table, "k");
    }

    private void cache(Map<String, AttributeValue> item) {
        cache.complete(cache.begin(table, "k"), item);
    }

    @Test
    void theMemberCollectsNoMetricsOfItsOwn() {
        assertFalse(cluster.cluster.hazelcast().getConfig().getMetricsConfig().isEnabled(),
                "Hazelcast's metrics collection walks every probe every 5 s for a Management Center nobody runs");
    }

    @Test
    void aFillNoChangeReachedCachesItsAnswer() throws InterruptedException {
        ItemCache.Fill fill = cache.begin(table, "k");
        assertTrue(ItemEntry.isMarker(stored()), "the marker is placed before item-service is asked");
        assertEquals(ItemCache.Lookup.MISS, lookup(ItemCache.Lookup.MISS), "a marker is a miss");
        cache.complete(fill, A);
        assertEquals(hit(A), lookup(hit(A)));
    }

    @Test
    void noSuchItemIsCachedAsANegativeEntry() throws InterruptedException {
        cache(null);
        assertTrue(ItemEntry.isNegative(stored()));
        assertEquals(hit(null), lookup(hit(null)));
    }

    @Test
    void aFillThatAChangeToAnotherImageReachedIsDropped() throws InterruptedException {
        ItemCache.Fill fill = cache.begin(table, "k");
        cache.invalidate(table, "k", B); // committed after the read that is about to answer A
        cache.complete(fill, A);
        assertNull(stored(), "the older answer is never cached");
        assertEquals(ItemCache.Lookup.MISS, lookup(ItemCache.Lookup.MISS));
    }

    @Test
    void aWriteThroughWhoseOwnChangeArrivedFirstIsStillCached() throws InterruptedException {
        ItemCache.Fill write = cache.begin(table, "k");
        cache.invalidate(table, "k", A); // the write's own change record, before its answer
        cache.complete(write, A);
        assertEquals(hit(A), lookup(hit(A)));
    }

    @Test
    void aDeletionWhoseOwnChangeArrivedFirstIsCachedAsNoSuchItem() throws InterruptedException {
        ItemCache.Fill delete = cache.begin(table, "k");
        cache.invalidate(table, "k", null);
        cache.complete(delete, null);
        assertEquals(hit(null), lookup(hit(null)));
    }

    @Test
    void aChangeRemovesAnEntryShowingAnotherImageAndKeepsOneShowingItsOwn() throws InterruptedException {
        cache(A);
        byte[] cached = stored();
        cache.invalidate(table, "k", A);
        assertArrayEquals(cached, stored(), "an entry that already shows the change stays as it is");
        assertEquals(hit(A), lookup(hit(A)));
        cache.invalidate(table, "k", B);
        assertNull(stored());
        assertEquals(ItemCache.Lookup.MISS, lookup(ItemCache.Lookup.MISS));
    }

    @Test
    void aChangeThatFindsNoEntryLeavesNone() throws InterruptedException {
        cache.invalidate(table, "k", B);
        assertNull(stored(), "a change caches nothing (near caches are told all the same: see EvictedEntryCoherenceTest)");
        assertEquals(ItemCache.Lookup.MISS, lookup(ItemCache.Lookup.MISS));
        cache(B);
        assertEquals(hit(B), lookup(hit(B)));
    }

    @Test
    void aFailedWritePutsBackWhatWasCached() throws InterruptedException {
        cache(A);
        byte[] cached = stored();
        ItemCache.Fill failed = cache.begin(table, "k");
        assertArrayEquals(cached, failed.previous());
        cache.abandon(failed);
        assertArrayEquals(cached, stored());
        assertEquals(hit(A), lookup(hit(A)));
    }

    @Test
    void aFailedWriteThatAChangeReachedPutsBackOnlyWhatTheChangeLeft() throws InterruptedException {
        cache(A);
        ItemCache.Fill failed = cache.begin(table, "k");
        cache.invalidate(table, "k", A); // an earlier write's change record: the item is still A
        cache.abandon(failed);
        assertEquals(hit(A), lookup(hit(A)));

        ItemCache.Fill failedAgain = cache.begin(table, "k");
        cache.invalidate(table, "k", B); // another writer changed the item meanwhile
        cache.abandon(failedAgain);
        assertNull(stored(), "A is no longer the item: nothing is put back");
    }

    @Test
    void aFailedWriteWithNothingCachedBeforeLeavesNothing() throws InterruptedException {
        ItemCache.Fill failed = cache.begin(table, "k");
        assertNull(failed.previous());
        cache.abandon(failed);
        assertNull(stored());
    }

    @Test
    void onlyTheLatestFillOfAKeyMayEndIt() throws InterruptedException {
        ItemCache.Fill first = cache.begin(table, "k");
        ItemCache.Fill second = cache.begin(table, "k");
        cache.complete(first, A);
        assertTrue(ItemEntry.sameFill(second.marker(), stored()), "the first fill's answer is not ours to put");
        cache.complete(second, B);
        assertEquals(hit(B), lookup(hit(B)));
    }

    @Test
    void anExpiredEntryAnswersNothing() throws InterruptedException {
        cluster.cluster.itemMap(table).set("k", ItemEntry.of(A, System.currentTimeMillis() - 1));
        assertEquals(ItemCache.Lookup.MISS, lookup(ItemCache.Lookup.MISS));
        ItemCache.Fill fill = cache.begin(table, "k");
        assertNull(fill.previous(), "an expired entry is nothing to put back");
        cache.abandon(fill);
        assertNull(stored());
    }

    @Test
    void anEntryIsValidForTheTablesTimeToLive() {
        long before = System.currentTimeMillis();
        cache(A);
        long validUntil = java.nio.ByteBuffer.wrap(stored(), 1, 8).getLong();
        long ttl = TimeUnit.MINUTES.toMillis(5); // dynamis.cache.item-ttl's default
        assertTrue(validUntil >= before + ttl && validUntil <= System.currentTimeMillis() + ttl, "valid until " + validUntil);
        assertFalse(ItemEntry.answers(stored(), before + ttl + TimeUnit.SECONDS.toMillis(60)));
    }

    @Test
    void forgetAndFlushRemoveEntries() throws InterruptedException {
        cache(A);
        cache.forget(table, "k");
        assertNull(stored());
        cache(A);
        cluster.cluster.itemMap(table).set("other", ItemEntry.of(B, System.currentTimeMillis() + 60_000));
        cache.flush(table);
        assertEquals(0, cluster.cluster.itemMap(table).size());
        assertEquals(ItemCache.Lookup.MISS, lookup(ItemCache.Lookup.MISS));
    }
}
