package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Several item-service shards behind one router (run with {@code dynamis.it.shards=2}; skipped with one
 * shard): each shard holds part of every table, Scan and parallel Scan return every item exactly once with
 * pages that resume from any LastEvaluatedKey, and batches span shards (transactions across shards:
 * {@link ShardTransactionsIT}).
 */
@ExtendWith(StackExtension.class)
class ShardsIT {

    private final DynamisStack stack;
    private final DynamoDbClient client;

    ShardsIT(DynamisStack stack) {
        this.stack = stack;
        this.client = stack.client();
        assumeTrue(stack.shards() > 1 && !stack.isExternal(), "runs against several item-service shards only");
    }

    private String tableOf(String prefix, int count, int payloadBytes) {
        String table = Tables.createHashTable(client, prefix, ScalarAttributeType.S);
        String payload = "x".repeat(payloadBytes);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item("pk", s("p" + i), "n", n(i), "payload", s(payload)));
        }
        BatchLoad.putAll(client, table, items);
        return table;
    }

    @Test
    void everyShardHoldsPartOfTheTableAndDescribeTableCountsThemAll() throws Exception {
        String table = tableOf("shards-count", 400, 10);
        long total = 0;
        for (int shard = 0; shard < stack.shards(); shard++) {
            long held = stack.itemsOnShard(shard, table);
            assertTrue(held > 400 / stack.shards() / 2, "shard " + shard + " holds only " + held + " of 400 items");
            total += held;
        }
        assertEquals(400, total);
        assertEquals(400, client.describeTable(r -> r.tableName(table)).table().itemCount());
    }

    @Test
    void scanReturnsEveryItemOnceAndResumesExactlyFromAnyLastEvaluatedKey() {
        String table = tableOf("shards-scan", 1000, 10);
        List<ScanPages.Page> pages = ScanPages.pages(client, table, b -> b.limit(37), null, ScanPages.MAX_PAGES);
        List<String> order = ScanPages.keys(pages);
        assertEquals(1000, order.size());
        assertEquals(1000, new HashSet<>(order).size());
        assertEquals(order, ScanPages.keys(client, table, b -> { }, null), "the same order without Limit");
        for (int i = 0; i < pages.size() - 1; i += 3) {
            Map<String, AttributeValue> key = pages.get(i).last();
            int at = order.indexOf(key.get("pk").s());
            assertEquals(order.subList(at + 1, order.size()), ScanPages.keys(client, table, b -> b.limit(50), key),
                    "resuming after " + key.get("pk").s());
        }
    }

    @Test
    void parallelScanSegmentsAreDisjointAndCoverTheTable() {
        String table = tableOf("shards-segments", 600, 10);
        for (int total : new int[] {1, 2, 3, 5}) {
            Set<String> seen = new HashSet<>();
            for (int segment = 0; segment < total; segment++) {
                int s = segment;
                for (String key : ScanPages.keys(client, table, b -> b.segment(s).totalSegments(total).limit(41), null)) {
                    assertTrue(seen.add(key), key + " in two segments of " + total);
                }
            }
            assertEquals(600, seen.size(), "segments of " + total);
        }
    }

    @Test
    void aScanPageEndsAfterOneMegabyteAcrossShards() {
        String table = tableOf("shards-megabyte", 48, 100_000);
        List<ScanPages.Page> pages = ScanPages.pages(client, table, b -> { }, null, ScanPages.MAX_PAGES);
        for (ScanPages.Page page : pages) {
            assertTrue(page.keys().size() <= 11, "a page of " + page.keys().size() + " items of 100 KB");
        }
        assertTrue(pages.size() >= 5, pages.size() + " pages");
        List<String> keys = ScanPages.keys(pages);
        assertEquals(48, new HashSet<>(keys).size());
        assertEquals(48, keys.size());
    }

    @Test
    void batchGetItemReadsItemsOfEveryShard() {
        String table = tableOf("shards-batch", 100, 10);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(item("pk", s("p" + i)));
        }
        Set<String> read = new HashSet<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> asked = request;
            var answer = client.batchGetItem(r -> r.requestItems(asked));
            answer.responses().get(table).forEach(item -> read.add(item.get("pk").s()));
            request = answer.unprocessedKeys();
        }
        assertEquals(100, read.size());
    }
}
