package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Scan and parallel Scan (4 and 7 segments) over 50,000 items on three item-service shards (issue 18):
 * every shard holds a third of them, a Scan returns every item exactly once in 1 MB pages and in pages of
 * 1,000, the segments are disjoint and cover the table, and a fresh Scan from any page's LastEvaluatedKey
 * goes on exactly where that page ended. It runs in the shards run only, on a stack of its own with three
 * shards (its own ports and data folder, stopped after the class), beside that run's two-shard stack.
 */
@OwnStackOnly
@ExtendWith(StackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeShardScanIT {

    private static final int SHARDS = 3;
    private static final int ITEMS = 50_000;
    /** Items of about 150 bytes: a page without Limit (1 MB) holds some 7,000 of them. */
    private static final String PAYLOAD = "x".repeat(120);
    private static final int LIMIT = 1_000;
    private static final int LOAD_THREADS = 8;
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(4);

    private DynamisStack stack;
    private DynamoDbClient client;
    private String table;
    private final Set<String> written = new HashSet<>();

    @BeforeAll
    void loadThreeShards(DynamisStack shared) throws InterruptedException {
        assumeTrue(shared.shards() > 1, "runs in the shards run (dynamis.it.shards > 1) only");
        stack = DynamisStack.ownStack("scan-3-shards", Map.of("DYNAMIS_ITEM_SHARDS", Integer.toString(SHARDS)));
        stack.stop(); // a stack left behind by an interrupted run
        stack.start();
        client = stack.client();
        table = Tables.createHashTable(client, "scan3", ScalarAttributeType.S);
        List<Map<String, AttributeValue>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            String pk = "k" + i;
            items.add(item("pk", s(pk), "n", n(i), "payload", s(PAYLOAD)));
            written.add(pk);
        }
        long started = System.nanoTime();
        BatchLoad.putAll(client, table, items, LOAD_THREADS, LOAD_TIMEOUT);
        System.out.printf("ThreeShardScanIT: %d items written in %d ms%n", ITEMS, (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void everyShardHoldsAThirdOfTheItems() throws Exception {
        long total = 0;
        for (int shard = 0; shard < SHARDS; shard++) {
            long held = stack.itemsOnShard(shard, table);
            assertTrue(held > ITEMS / SHARDS * 8 / 10 && held < ITEMS / SHARDS * 12 / 10,
                    "shard " + shard + " holds " + held + " of " + ITEMS + " items");
            total += held;
        }
        assertEquals(ITEMS, total);
        assertEquals(ITEMS, client.describeTable(r -> r.tableName(table)).table().itemCount());
    }

    @Test
    void aScanReturnsEveryItemOncePageByPage() {
        List<ScanPages.Page> megabytePages = ScanPages.pages(client, table, b -> { }, null, ScanPages.MAX_PAGES);
        List<ScanPages.Page> limitedPages = ScanPages.pages(client, table, b -> b.limit(LIMIT), null, ScanPages.MAX_PAGES);
        assertEveryItemOnce(ScanPages.keys(megabytePages), "the 1 MB pages");
        assertEveryItemOnce(ScanPages.keys(limitedPages), "the pages of " + LIMIT);
        assertTrue(megabytePages.size() >= 5, megabytePages.size() + " pages of 1 MB");
        assertTrue(limitedPages.size() >= ITEMS / LIMIT, limitedPages.size() + " pages of " + LIMIT);
        assertEquals(ScanPages.keys(megabytePages), ScanPages.keys(limitedPages), "the same order with and without Limit");
    }

    @Test
    void aFreshScanFromAnyLastEvaluatedKeyGoesOnExactlyWhereThePageEnded() {
        assertEveryPageResumes(b -> { }, "1 MB pages");
        List<ScanPages.Page> pages = assertEveryPageResumes(b -> b.limit(LIMIT), "pages of " + LIMIT);
        List<String> order = ScanPages.keys(pages);
        // from two of them to the end, in pages of another size: the rest of the table, in the same order
        for (int i : new int[] {0, pages.size() * 2 / 3}) {
            int ended = order.indexOf(pages.get(i).last().get("pk").s()) + 1;
            assertEquals(order.subList(ended, order.size()),
                    ScanPages.keys(client, table, b -> b.limit(777), pages.get(i).last()), "the rest after page " + i);
        }
    }

    @Test
    void parallelScanSegmentsAreDisjointCoverTheTableAndResumeFromAnyLastEvaluatedKey() {
        for (int total : new int[] {4, 7}) {
            Map<String, Integer> segmentOf = new HashMap<>();
            for (int segment = 0; segment < total; segment++) {
                int s = segment;
                List<String> keys = ScanPages.keys(assertEveryPageResumes(
                        b -> b.segment(s).totalSegments(total).limit(LIMIT), "segment " + s + " of " + total));
                assertFalse(keys.isEmpty(), "segment " + s + " of " + total + " is empty");
                for (String key : keys) {
                    Integer other = segmentOf.put(key, s);
                    assertNull(other, key + " in segments " + other + " and " + s + " of " + total);
                }
            }
            assertEquals(written, segmentOf.keySet(), "the " + total + " segments together");
        }
    }

    /**
     * Pages through the table with what {@code more} sets, then asks again from each page's LastEvaluatedKey
     * with a fresh Scan: its first page is the page that followed, with the same LastEvaluatedKey.
     */
    private List<ScanPages.Page> assertEveryPageResumes(Consumer<ScanRequest.Builder> more, String paging) {
        List<ScanPages.Page> pages = ScanPages.pages(client, table, more, null, ScanPages.MAX_PAGES);
        assertNull(pages.get(pages.size() - 1).last(), paging + ": the Scan ended");
        for (int i = 0; i < pages.size() - 1; i++) {
            ScanPages.Page resumed = ScanPages.pages(client, table, more, pages.get(i).last(), 1).get(0);
            assertEquals(pages.get(i + 1).keys(), resumed.keys(), paging + ": the page after page " + i);
            assertEquals(pages.get(i + 1).last(), resumed.last(), paging + ": the LastEvaluatedKey after page " + i);
        }
        return pages;
    }

    private void assertEveryItemOnce(List<String> keys, String scan) {
        assertEquals(ITEMS, keys.size(), scan + ": items returned");
        Set<String> distinct = new HashSet<>(keys);
        assertEquals(ITEMS, distinct.size(), scan + ": items returned more than once");
        assertEquals(written, distinct, scan);
    }
}
