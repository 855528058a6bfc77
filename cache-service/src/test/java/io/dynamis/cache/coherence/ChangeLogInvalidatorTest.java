package io.dynamis.cache.coherence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.core.change.ChangeLogConsumers;
import io.dynamis.cache.store.ItemCache;
import io.dynamis.cache.store.QueryCache;
import io.dynamis.cache.store.TestCluster;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.core.cache.ItemEntry;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.model.AttributeValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a batch of change records does to the cache, on a real one-member cluster: each record invalidates its
 * item's entry, each table changed in the batch moves its query generation on once, and a table seen under a new
 * table id (deleted and created again) loses every entry.
 */
class ChangeLogInvalidatorTest {

    private static TestCluster cluster;
    private static ItemCache items;
    private static QueryCache pages;
    private static ChangeLogInvalidator invalidator;
    private static SimpleMeterRegistry metricsRegistry;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(Map.of());
        items = new ItemCache(cluster.cluster, cluster.work, cluster.accelerated);
        pages = new QueryCache(cluster.cluster, cluster.work, cluster.accelerated);
        metricsRegistry = new SimpleMeterRegistry();
        invalidator = new ChangeLogInvalidator(items, pages, cluster.accelerated, new CacheMetrics(cluster.cluster, metricsRegistry),
                cluster.config, new ChangeLogConsumers("127.0.0.1:1", null), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Map<String, AttributeValue> item(String pk, String v) {
        return Map.of("pk", AttributeValue.s(pk), "v", AttributeValue.s(v));
    }

    private static ChangeRecord put(String table, String tableId, long sequence, String pk, String v) {
        return new ChangeRecord(table, tableId, 0, sequence, ChangeRecord.EventName.MODIFY, System.currentTimeMillis(),
                Map.of("pk", AttributeValue.s(pk)), null, item(pk, v), 100, ChangeRecord.Origin.USER);
    }

    private static String key(String pk) {
        return CacheKeys.item(Map.of("pk", AttributeValue.s(pk)));
    }

    private static void cache(String table, String pk, String v) {
        items.complete(items.begin(table, key(pk)), item(pk, v));
    }

    private static long generation(String table) throws Exception {
        return pages.generationAsync(table).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyRecordIsCountedAndTheLagIsSampledOncePerBatchAsItsOldestRecordsWait() {
        double counted = metricsRegistry.get("dynamis.cache.invalidations").counter().count();
        var lag = metricsRegistry.get("dynamis.cache.invalidation.lag").timer();
        long samples = lag.count();
        long now = System.currentTimeMillis();
        ChangeRecord old = new ChangeRecord("counted", "id-1", 0, 1, ChangeRecord.EventName.INSERT, now - 60_000,
                Map.of("pk", AttributeValue.s("a")), null, item("a", "1"), 100, ChangeRecord.Origin.USER);
        invalidator.apply(List.of(old, put("counted", "id-1", 2, "b", "1"), put("counted", "id-1", 3, "c", "1")));
        assertEquals(counted + 3, metricsRegistry.get("dynamis.cache.invalidations").counter().count());
        assertEquals(samples + 1, lag.count());
        assertTrue(lag.max(TimeUnit.MILLISECONDS) >= 60_000, "the batch's oldest record's lag");
    }

    @Test
    void eachRecordInvalidatesItsItemAndEachTableMovesOnOncePerBatch() throws Exception {
        cache("orders", "a", "1");
        cache("orders", "b", "1");
        cache("orders", "c", "1");
        long generation = generation("orders");
        invalidator.apply(List.of(put("orders", "id-1", 1, "a", "2"), put("orders", "id-1", 2, "b", "1")));
        assertNull(cluster.stored("orders", key("a")), "a changed: its entry goes");
        assertEquals(item("b", "1"), ItemEntry.item(cluster.stored("orders", key("b"))), "b's entry shows the change: it stays");
        assertEquals(item("c", "1"), ItemEntry.item(cluster.stored("orders", key("c"))), "c did not change");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (generation("orders") == generation && System.nanoTime() < deadline) {
            Thread.sleep(10); // the member's near cache of generations is told by an event
        }
        assertEquals(generation + 1, generation("orders"), "one step for the whole batch");
    }

    @Test
    void aTableSeenUnderANewIdLosesEveryEntry() {
        invalidator.apply(List.of(put("recreated", "id-old", 1, "a", "1")));
        cache("recreated", "a", "1");
        cache("recreated", "b", "1");
        invalidator.apply(List.of(put("recreated", "id-new", 2, "c", "1")));
        assertNull(cluster.stored("recreated", key("a")));
        assertNull(cluster.stored("recreated", key("b")));
        assertNull(cluster.stored("recreated", key("c")), "c had no entry: it has none");
    }

    @Test
    void aKeyChangedTwiceInOneBatchEndsAsItsLastChangeLeftIt() {
        cache("twice", "a", "2");
        cache("twice", "b", "1");
        // a: 1 then 2 (the cached entry shows the last change: it stays); b: 2 then 1 (the same: stays)
        invalidator.apply(List.of(put("twice", "id-1", 1, "a", "1"), put("twice", "id-1", 2, "b", "2"),
                put("twice", "id-1", 3, "a", "2"), put("twice", "id-1", 4, "b", "3")));
        assertEquals(item("a", "2"), ItemEntry.item(cluster.stored("twice", key("a"))), "a's last change is what is cached");
        assertNull(cluster.stored("twice", key("b")), "b's last change differs from what is cached: its entry goes");
    }

    @Test
    void everyKeyOfALargeBatchIsInvalidatedWhateverItsPartition() {
        java.util.List<ChangeRecord> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            cache("many", "k" + i, "old");
            batch.add(put("many", "id-1", i + 1, "k" + i, "new"));
        }
        invalidator.apply(batch);
        for (int i = 0; i < 300; i++) {
            assertNull(cluster.stored("many", key("k" + i)), "k" + i + " changed: its entry goes");
        }
    }

    @Test
    void changesBeforeARecreationInTheSameBatchDoNotSurviveTheFlush() {
        invalidator.apply(List.of(put("again", "id-old", 1, "x", "1")));
        cache("again", "a", "1");
        invalidator.apply(List.of(put("again", "id-old", 2, "b", "1"), put("again", "id-new", 3, "c", "1")));
        assertNull(cluster.stored("again", key("a")), "flushed");
        assertNull(cluster.stored("again", key("b")), "the old table's change was overtaken by the flush");
        assertNull(cluster.stored("again", key("c")));
    }

    @Test
    void aTableTheAcceleratorNeverCachedCostsNothingUntilItsFirstFillOnAnyMember() throws Exception {
        // behind the accelerator's back (no fill marks the table): coherence does not look at the table at all
        cluster.cluster.itemMap("untouched").set(key("a"), ItemEntry.of(item("a", "1"), Long.MAX_VALUE));
        long generation = cluster.cluster.generations().getOrDefault("untouched", 0L);
        invalidator.apply(List.of(put("untouched", "id-1", 1, "a", "2")));
        assertEquals(item("a", "1"), ItemEntry.item(cluster.stored("untouched", key("a"))), "never accelerated: not looked at");
        assertEquals(generation, cluster.cluster.generations().getOrDefault("untouched", 0L), "no generation moved on");

        // a fill marks the table in the cluster: a member that never filled it (its own AcceleratedTables) sees the mark
        io.dynamis.cache.store.AcceleratedTables otherMember = new io.dynamis.cache.store.AcceleratedTables(cluster.cluster);
        org.junit.jupiter.api.Assertions.assertFalse(otherMember.mayHoldEntries("untouched"));
        cache("untouched", "b", "1");
        org.junit.jupiter.api.Assertions.assertTrue(otherMember.mayHoldEntries("untouched"), "marked before the first fill");
        invalidator.apply(List.of(put("untouched", "id-1", 2, "a", "3"), put("untouched", "id-1", 3, "b", "2")));
        assertNull(cluster.stored("untouched", key("a")), "marked: every change is applied again");
        assertNull(cluster.stored("untouched", key("b")));
    }
}
