package io.dynamis.cache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query cache's coherence by generation, on a real one-member cluster: a page is stored under the table's
 * generation read before it was asked for; any change of the table moves the generation on, so no page cached
 * before is found again; a table set to TTL coherence keeps its pages for their time to live.
 */
class QueryCacheTest {

    private static TestCluster cluster;
    private static QueryCache cache;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(Map.of("dynamis.cache.tables.by-ttl.query-coherence", "TTL",
                "dynamis.cache.tables.flushed.query-coherence", "TTL"));
        cache = new QueryCache(cluster.cluster, cluster.work, cluster.accelerated);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static long generation(String table) throws Exception {
        return cache.generationAsync(table).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The table's generation once it is {@code expected} (the member's near cache is told of a change by an event). */
    private static long generation(String table, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long generation = generation(table);
        while (generation != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            generation = generation(table);
        }
        return generation;
    }

    private static ObjectNode get(String table, long generation, String request) throws Exception {
        return cache.getAsync(table, generation, request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ObjectNode page(int count) {
        ObjectNode page = Json.object();
        page.put("Count", count).put("ScannedCount", count);
        return page;
    }

    @Test
    void aPageIsFoundUnderTheGenerationItWasReadIn() throws Exception {
        long generation = generation("pages");
        assertEquals(0, generation, "a table nothing changed yet is in generation 0");
        cache.put("pages", generation, "query-1", page(3));
        assertEquals(page(3), get("pages", generation, "query-1"));
        assertNull(get("pages", generation, "query-2"), "another request is another page");
    }

    @Test
    void aChangeOfTheTableMakesEveryPageCachedBeforeUnreachable() throws Exception {
        long before = generation("changed");
        cache.put("changed", before, "query-1", page(1));
        cache.put("changed", before, "query-2", page(2));
        cache.invalidate("changed");
        long after = generation("changed", before + 1);
        assertEquals(before + 1, after);
        assertNull(get("changed", after, "query-1"));
        assertNull(get("changed", after, "query-2"));
        cache.invalidate("changed");
        assertEquals(before + 2, generation("changed", before + 2), "every change moves it on");
    }

    @Test
    void aPageReadWhileAChangeWasCommittedIsNeverServed() throws Exception {
        long asked = generation("raced"); // read before query-service is asked for the page
        cache.invalidate("raced");        // a change committed while the page was being read
        cache.put("raced", asked, "query-1", page(1)); // the page, possibly from before the change
        assertNull(get("raced", generation("raced", asked + 1), "query-1"));
    }

    @Test
    void aTableWithTimeToLiveCoherenceKeepsItsPagesThroughChanges() throws Exception {
        long generation = generation("by-ttl");
        cache.put("by-ttl", generation, "query-1", page(4));
        cache.invalidate("by-ttl");
        assertEquals(generation, generation("by-ttl"));
        assertEquals(page(4), get("by-ttl", generation, "query-1"));
    }

    @Test
    void aFlushDropsThePagesAndMovesTheGenerationOnEvenWithTimeToLiveCoherence() throws Exception {
        long generation = generation("flushed");
        cache.put("flushed", generation, "query-9", page(9));
        cache.flush("flushed");
        assertEquals(0, cluster.cluster.queryMap("flushed").size());
        assertEquals(generation + 1, generation("flushed", generation + 1));
        assertNull(get("flushed", generation, "query-9"));
    }
}
