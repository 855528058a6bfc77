package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The accelerator endpoint ({@code :8111}, DAX-style) with the AWS SDK v2: the same API as {@code :8000},
 * reads answered from cache-service's item and query caches (GetItem hits mostly by the gateway's near
 * cache of the item cache; hits and misses counted by the gateway and the member it talks to),
 * write-through, and coherence with writes made through {@code :8000}.
 */
@OwnStackOnly
@ExtendWith(StackExtension.class)
class AcceleratorIT {

    /** How long a write through :8000 may take to show through the accelerator (the change log's delay, with room for a busy machine). */
    private static final long COHERENCE_TIMEOUT_MILLIS = 10_000;

    private final DynamisStack stack;
    private final DynamoDbClient direct;
    private final DynamoDbClient accelerator;

    AcceleratorIT(DynamisStack stack) {
        this.stack = stack;
        this.direct = stack.client();
        this.accelerator = stack.acceleratorClient();
    }

    /** The accelerator's numbers: the member's, and the GetItem hits the gateway answered itself. */
    private CacheStats stats() {
        return CacheStats.accelerator(stack);
    }

    /**
     * Runs writes through :8000 and waits until the member has applied their {@code records} change
     * records: a record applied while a read is filling its entry drops that fill (the read may have
     * missed the change), so counting hits and misses needs the log settled first.
     */
    private void settled(int records, Runnable writes) {
        long before = stats().invalidationsApplied();
        writes.run();
        long deadline = System.currentTimeMillis() + COHERENCE_TIMEOUT_MILLIS;
        try {
            while (stats().invalidationsApplied() < before + records) {
                assertTrue(System.currentTimeMillis() < deadline, "the change log did not reach cache-service");
                Thread.sleep(20);
            }
            // other tests' records may have been counted: wait for the backlog itself to be gone, as the
            // member measures it (about once a second) after this point
            long applied = System.currentTimeMillis();
            CacheStats now = stats();
            while (now.pendingChangeRecordsMeasuredAt() <= applied || now.pendingChangeRecords() > 0) {
                assertTrue(System.currentTimeMillis() < deadline, "cache-service did not catch up with the change log");
                Thread.sleep(50);
                now = stats();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The numbers once the item cache has counted {@code reads} more hits and misses than {@code before}: a read is
     * answered before the gateway or the member have necessarily counted it.
     */
    private CacheStats counted(CacheStats before, int reads) {
        long deadline = System.currentTimeMillis() + COHERENCE_TIMEOUT_MILLIS;
        CacheStats now = stats();
        while (now.item("hits") + now.item("misses") - before.item("hits") - before.item("misses") < reads) {
            assertTrue(System.currentTimeMillis() < deadline, "the item cache counted " + (now.item("hits")
                    + now.item("misses") - before.item("hits") - before.item("misses")) + " of " + reads + " reads");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            now = stats();
        }
        return now;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> item(String pk, String value) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(value), "n", AttributeValue.fromN("1"));
    }

    private Map<String, AttributeValue> getThroughAccelerator(String table, String pk) {
        var response = accelerator.getItem(b -> b.tableName(table).key(key(pk)));
        return response.hasItem() ? response.item() : null;
    }

    @Test
    void secondReadOfAnItemIsACacheHit() {
        String table = Tables.createHashTable(direct, "acc-hit", ScalarAttributeType.S);
        settled(1, () -> direct.putItem(b -> b.tableName(table).item(item("a", "one"))));
        CacheStats before = stats();
        assertEquals(item("a", "one"), getThroughAccelerator(table, "a"));
        CacheStats afterMiss = stats();
        assertEquals(1, afterMiss.item("misses") - before.item("misses"));
        assertEquals(0, afterMiss.item("hits") - before.item("hits"));
        assertEquals(item("a", "one"), getThroughAccelerator(table, "a"));
        CacheStats afterHit = stats();
        assertEquals(1, afterHit.item("hits") - afterMiss.item("hits"));
        assertEquals(0, afterHit.item("misses") - afterMiss.item("misses"));
        assertEquals(1, afterHit.gatewayHits() - afterMiss.gatewayHits(), "the hit was not answered by the gateway itself");
        assertEquals(item("a", "one"), getThroughAccelerator(table, "a"));
        assertEquals(1, stats().gatewayHits() - afterHit.gatewayHits(), "the near cache did not answer the third read");
    }

    @Test
    void hitsAreProjectedFromTheCachedItemAndChargedAsEventualReads() {
        String table = Tables.createHashTable(direct, "acc-proj", ScalarAttributeType.S);
        settled(1, () -> direct.putItem(b -> b.tableName(table).item(item("a", "one"))));
        getThroughAccelerator(table, "a");
        CacheStats before = stats();
        var projected = accelerator.getItem(b -> b.tableName(table).key(key("a")).projectionExpression("#v")
                .expressionAttributeNames(Map.of("#v", "v")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(Map.of("v", AttributeValue.fromS("one")), projected.item());
        assertEquals(0.5, projected.consumedCapacity().capacityUnits());
        assertEquals(table, projected.consumedCapacity().tableName());
        assertEquals(1, stats().item("hits") - before.item("hits"));
        var sameThroughGateway = direct.getItem(b -> b.tableName(table).key(key("a")).projectionExpression("#v")
                .expressionAttributeNames(Map.of("#v", "v")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(sameThroughGateway.item(), projected.item());
        assertEquals(sameThroughGateway.consumedCapacity(), projected.consumedCapacity());
    }

    @Test
    void aMissingItemIsCachedAsNoSuchItem() {
        String table = Tables.createHashTable(direct, "acc-neg", ScalarAttributeType.S);
        CacheStats before = stats();
        assertNull(getThroughAccelerator(table, "nothing"));
        assertNull(getThroughAccelerator(table, "nothing"));
        CacheStats after = stats();
        assertEquals(1, after.item("misses") - before.item("misses"));
        assertEquals(1, after.item("hits") - before.item("hits"));
    }

    @Test
    void errorsAreTheSameAsThroughTheGatewayAndNeverCached() {
        assertThrows(ResourceNotFoundException.class, () -> getThroughAccelerator("acc-no-such-table", "a"));
        assertThrows(ResourceNotFoundException.class, () -> getThroughAccelerator("acc-no-such-table", "a"));
        String table = Tables.createHashTable(direct, "acc-err", ScalarAttributeType.S);
        var direct400 = assertThrows(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                () -> direct.getItem(b -> b.tableName(table).key(Map.of("other", AttributeValue.fromS("x")))));
        var accelerated400 = assertThrows(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                () -> accelerator.getItem(b -> b.tableName(table).key(Map.of("other", AttributeValue.fromS("x")))));
        assertEquals(direct400.awsErrorDetails().errorCode(), accelerated400.awsErrorDetails().errorCode());
        assertEquals(direct400.awsErrorDetails().errorMessage(), accelerated400.awsErrorDetails().errorMessage());
    }

    @Test
    void writesThroughTheAcceleratorUpdateTheItemCache() {
        String table = Tables.createHashTable(direct, "acc-wt", ScalarAttributeType.S);
        settled(3, () -> {
            direct.putItem(b -> b.tableName(table).item(item("u1", "before")));
            direct.putItem(b -> b.tableName(table).item(item("u2", "before")));
            direct.putItem(b -> b.tableName(table).item(item("d1", "before")));
        });
        CacheStats before = stats();
        accelerator.putItem(b -> b.tableName(table).item(item("p1", "put")));
        assertEquals(item("p1", "put"), getThroughAccelerator(table, "p1"));

        var updated = accelerator.updateItem(b -> b.tableName(table).key(key("u1"))
                .updateExpression("SET v = :v ADD n :one")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("updated"), ":one", AttributeValue.fromN("1"))));
        assertFalse(updated.hasAttributes(), "ReturnValues NONE answers no attributes");
        assertEquals(Map.of("pk", AttributeValue.fromS("u1"), "v", AttributeValue.fromS("updated"),
                "n", AttributeValue.fromN("2")), getThroughAccelerator(table, "u1"));

        var allNew = accelerator.updateItem(b -> b.tableName(table).key(key("u1")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("again"))).returnValues(ReturnValue.ALL_NEW));
        assertEquals(AttributeValue.fromS("again"), allNew.attributes().get("v"));
        var updatedOld = accelerator.updateItem(b -> b.tableName(table).key(key("u2")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("third"))).returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("v", AttributeValue.fromS("before")), updatedOld.attributes());
        assertEquals(AttributeValue.fromS("third"), getThroughAccelerator(table, "u2").get("v"));

        accelerator.deleteItem(b -> b.tableName(table).key(key("d1")));
        assertNull(getThroughAccelerator(table, "d1"));

        accelerator.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(item("b1", "batch")).build()).build()))));
        assertEquals(item("b1", "batch"), getThroughAccelerator(table, "b1"));

        accelerator.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item("t1", "transact")).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key("t2")).build()).build()));
        assertEquals(item("t1", "transact"), getThroughAccelerator(table, "t1"));
        assertNull(getThroughAccelerator(table, "t2"));

        CacheStats after = counted(before, 7);
        // every read after a write-through was answered by the cache, except the one after UPDATED_OLD
        assertEquals(1, after.item("misses") - before.item("misses"));
        assertEquals(6, after.item("hits") - before.item("hits"));
        assertEquals(item("t1", "transact"), direct.getItem(b -> b.tableName(table).key(key("t1"))).item());
    }

    @Test
    void aFailedWriteLeavesTheCacheAsItWas() {
        String table = Tables.createHashTable(direct, "acc-fail", ScalarAttributeType.S);
        accelerator.putItem(b -> b.tableName(table).item(item("a", "kept")));
        assertThrows(ConditionalCheckFailedException.class, () -> accelerator.putItem(b -> b.tableName(table)
                .item(item("a", "rejected")).conditionExpression("attribute_not_exists(pk)")));
        assertThrows(ConditionalCheckFailedException.class, () -> accelerator.updateItem(b -> b.tableName(table)
                .key(key("a")).updateExpression("SET v = :v").conditionExpression("v = :other")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("rejected"), ":other", AttributeValue.fromS("x")))));
        assertThrows(ConditionalCheckFailedException.class, () -> accelerator.deleteItem(b -> b.tableName(table)
                .key(key("a")).conditionExpression("v = :other")
                .expressionAttributeValues(Map.of(":other", AttributeValue.fromS("x")))));
        CacheStats before = stats();
        assertEquals(item("a", "kept"), getThroughAccelerator(table, "a"));
        assertEquals(1, stats().item("hits") - before.item("hits"), "the entry cached before the failed writes serves");
        assertEquals(item("a", "kept"), direct.getItem(b -> b.tableName(table).key(key("a"))).item());
    }

    @Test
    void consistentReadsAndTransactGetItemsGoStraightThrough() {
        String table = Tables.createHashTable(direct, "acc-cons", ScalarAttributeType.S);
        direct.putItem(b -> b.tableName(table).item(item("a", "one")));
        CacheStats before = stats();
        for (int i = 0; i < 2; i++) {
            assertEquals(item("a", "one"), accelerator.getItem(b -> b.tableName(table).key(key("a")).consistentRead(true)).item());
        }
        var transact = accelerator.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(table).key(key("a")).build()).build()));
        assertEquals(item("a", "one"), transact.responses().get(0).item());
        CacheStats after = stats();
        assertEquals(3, after.item("bypasses") - before.item("bypasses"));
        assertEquals(0, after.item("hits") - before.item("hits"));
        assertEquals(0, after.item("misses") - before.item("misses"));
    }

    @Test
    void batchGetItemServesHitsAndReadsOnlyTheMisses() {
        String table = Tables.createHashTable(direct, "acc-bget", ScalarAttributeType.S);
        settled(2, () -> {
            direct.putItem(b -> b.tableName(table).item(item("a", "one")));
            direct.putItem(b -> b.tableName(table).item(item("b", "two")));
        });
        getThroughAccelerator(table, "a");
        CacheStats before = stats();
        BatchGetItemResponse first = accelerator.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(key("a"), key("b"), key("none")).projectionExpression("v").build())));
        assertEquals(2, first.responses().get(table).size());
        assertTrue(first.responses().get(table).contains(Map.of("v", AttributeValue.fromS("two"))));
        assertTrue(first.unprocessedKeys().isEmpty());
        CacheStats middle = stats();
        assertEquals(1, middle.item("hits") - before.item("hits"));
        assertEquals(2, middle.item("misses") - before.item("misses"));
        BatchGetItemResponse second = accelerator.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(key("a"), key("b"), key("none")).build())));
        assertTrue(second.responses().get(table).contains(item("b", "two")));
        assertEquals(2, second.responses().get(table).size());
        CacheStats after = stats();
        assertEquals(3, after.item("hits") - middle.item("hits"));
        assertEquals(0, after.item("misses") - middle.item("misses"));
    }

    @Test
    void queryAndScanPagesAreCachedByTheirWholeRequest() {
        String table = Tables.createHashRangeTable(direct, "acc-query");
        settled(5, () -> {
            for (int i = 0; i < 5; i++) {
                int sk = i;
                direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN(
                        Integer.toString(sk)))));
            }
        });
        Supplier<QueryRequest.Builder> query = () -> QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p")));
        CacheStats before = stats();
        QueryResponse first = accelerator.query(query.get().build());
        QueryResponse second = accelerator.query(query.get().build());
        assertEquals(first.items(), second.items());
        assertEquals(5, second.count());
        QueryResponse limited = accelerator.query(query.get().limit(2).build());
        assertEquals(2, limited.count());
        QueryResponse nextPage = accelerator.query(query.get().limit(2).exclusiveStartKey(limited.lastEvaluatedKey()).build());
        assertEquals(AttributeValue.fromN("2"), nextPage.items().get(0).get("sk"));
        var scan = accelerator.scan(b -> b.tableName(table));
        assertEquals(5, accelerator.scan(b -> b.tableName(table)).count());
        assertEquals(5, scan.count());
        accelerator.query(query.get().consistentRead(true).build());
        CacheStats after = stats();
        assertEquals(2, after.query("hits") - before.query("hits"));
        assertEquals(4, after.query("misses") - before.query("misses"));
        assertEquals(1, after.query("bypasses") - before.query("bypasses"));
    }

    @Test
    void aWriteThroughTheGatewayIsSeenThroughTheAcceleratorOnceInvalidated() throws InterruptedException {
        String table = Tables.createHashRangeTable(direct, "acc-coherent");
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("1"));
        direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("1"),
                "v", AttributeValue.fromS("old"))));
        Supplier<QueryRequest> query = () -> QueryRequest.builder().tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p"))).build();
        for (int i = 0; i < 2; i++) {
            assertEquals(AttributeValue.fromS("old"), accelerator.getItem(b -> b.tableName(table).key(key)).item().get("v"));
            assertEquals(1, accelerator.query(query.get()).count());
        }
        direct.updateItem(b -> b.tableName(table).key(key).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("new"))));
        direct.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("2"))));
        long deadline = System.currentTimeMillis() + COHERENCE_TIMEOUT_MILLIS;
        boolean itemFresh = false;
        boolean queryFresh = false;
        while (System.currentTimeMillis() < deadline && !(itemFresh && queryFresh)) {
            itemFresh = AttributeValue.fromS("new").equals(accelerator.getItem(b -> b.tableName(table).key(key)).item().get("v"));
            queryFresh = accelerator.query(query.get()).count() == 2;
            Thread.sleep(20);
        }
        assertTrue(itemFresh, "the item cache still serves the value from before the write through :8000");
        assertTrue(queryFresh, "the query cache still serves the page from before the write through :8000");
        direct.deleteItem(b -> b.tableName(table).key(key));
        deadline = System.currentTimeMillis() + COHERENCE_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline && accelerator.getItem(b -> b.tableName(table).key(key)).hasItem()) {
            Thread.sleep(20);
        }
        assertFalse(accelerator.getItem(b -> b.tableName(table).key(key)).hasItem(), "a deletion through :8000 stays unseen");
    }

    @Test
    void entriesExpireAfterTheTablesTimeToLive() throws InterruptedException {
        String table = "cache-ttl-it"; // dynamis.cache.tables.cache-ttl-it.item-ttl=2S (see DynamisStack)
        Tables.createNamedHashTable(direct, table);
        settled(1, () -> direct.putItem(b -> b.tableName(table).item(item("a", "one"))));
        long ttl = 2_000;
        CacheStats before = stats();
        long fillSent = System.currentTimeMillis();
        getThroughAccelerator(table, "a");
        long filled = System.currentTimeMillis(); // the entry is valid from between fillSent and filled for 2 s
        CacheStats cached = counted(before, 1);
        assertEquals(1, cached.item("misses") - before.item("misses"), "the first read fills the entry");
        getThroughAccelerator(table, "a");
        long read = System.currentTimeMillis();
        CacheStats hit = counted(cached, 1);
        assertTrue(read < fillSent + ttl, "the second read was answered within the entry's 2 s (it took "
                + (read - fillSent) + " ms): a machine this slow cannot tell a hit from an expiry");
        assertEquals(1, hit.item("hits") - cached.item("hits"), "the entry serves within its time to live");
        Thread.sleep(Math.max(0, filled + ttl + 100 - System.currentTimeMillis())); // until the entry's time is up
        getThroughAccelerator(table, "a");
        assertEquals(1, counted(hit, 1).item("misses") - hit.item("misses"), "the entry outlived its 2 s time to live");
    }

    @Test
    void leastRecentlyUsedEntriesGoFirstUnderTheMemoryBound() {
        String table = "cache-lru-it"; // dynamis.cache.tables.cache-lru-it.item-max-mb=1 (see DynamisStack)
        Tables.createNamedHashTable(direct, table);
        String payload = "x".repeat(1000);
        int count = 2000;
        settled(count + 1, () -> {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = 0; i <= count; i++) {
                Map<String, AttributeValue> written = new HashMap<>(item(i == count ? "hot" : "k" + i, payload));
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(written).build()).build());
                if (batch.size() == 25 || i == count) {
                    List<WriteRequest> requests = List.copyOf(batch);
                    direct.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
                    batch.clear();
                }
            }
        });
        getThroughAccelerator(table, "hot");
        CacheStats before = stats();
        for (int i = 0; i < count; i++) {
            assertEquals(AttributeValue.fromS(payload), getThroughAccelerator(table, "k" + i).get("v"));
            if (i % 10 == 0) {
                assertEquals(AttributeValue.fromS(payload), getThroughAccelerator(table, "hot").get("v"));
            }
        }
        CacheStats after = stats();
        assertTrue(after.item("evictions") > before.item("evictions"), "2 MB of items fit under a 1 MB bound");
        assertTrue(after.item("memoryBytes") < 1_500_000, "the item cache holds " + after.item("memoryBytes") + " bytes");
        // Hazelcast's LRU is approximate (sampled within a partition, access times kept to the second): the
        // item read every 10 reads stays most of the time, though it was the first one cached
        long hotMisses = after.item("misses") - before.item("misses") - count;
        assertTrue(hotMisses <= count / 10 / 4, "the item read every 10 reads missed " + hotMisses + " times");
        for (int i = count - 10; i < count; i++) {
            getThroughAccelerator(table, "k" + i);
        }
        CacheStats recent = stats();
        assertTrue(recent.item("hits") - after.item("hits") >= 9, "the 10 items read last were evicted");
        for (int i = 0; i < 100; i++) {
            getThroughAccelerator(table, "k" + i);
        }
        assertTrue(stats().item("misses") - recent.item("misses") >= 90, "the 100 items read first stayed cached");
        // every change reaches every near cache, also of entries the member evicted meanwhile
        getThroughAccelerator(table, "hot");
        getThroughAccelerator(table, "k1999");
        settled(count, () -> {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("k" + i, "rewritten")).build()).build());
                if (batch.size() == 25) {
                    List<WriteRequest> requests = List.copyOf(batch);
                    direct.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
                    batch.clear();
                }
            }
        });
        for (int i = 0; i < count; i++) {
            assertEquals(AttributeValue.fromS("rewritten"), getThroughAccelerator(table, "k" + i).get("v"),
                    "k" + i + " was served from before its write through :8000");
        }
    }

    @Test
    void adminRoutesShowTheNumbersAndFlushATable() {
        String table = Tables.createHashTable(direct, "acc-admin", ScalarAttributeType.S);
        direct.putItem(b -> b.tableName(table).item(item("a", "one")));
        getThroughAccelerator(table, "a");
        URI gateway = stack.endpoint();
        assertEquals(401, CacheStats.statusWithoutCredentials(gateway.resolve("/admin/cache/stats")),
                "the admin API wants its credentials");
        JsonNode all = CacheStats.get(gateway.resolve("/admin/cache/stats"));
        JsonNode member = all.path("members").get(0);
        assertTrue(member.path("item").path("entries").asLong() >= 1, all.toString());
        assertTrue(member.path("item").has("hitRatio"), all.toString());
        assertTrue(member.path("invalidationLag").has("p99Millis"), all.toString());
        JsonNode flushed = CacheStats.post(gateway.resolve("/admin/cache/flush?table=" + table));
        assertEquals(table, flushed.path("table").asText());
        CacheStats before = stats();
        getThroughAccelerator(table, "a");
        assertEquals(1, stats().item("misses") - before.item("misses"), "the flushed entry was served");
    }

    @Test
    void tableOperationsWorkThroughTheAccelerator() {
        String table = Tables.createHashTable(accelerator, "acc-tables", ScalarAttributeType.S);
        assertEquals(table, accelerator.describeTable(b -> b.tableName(table)).table().tableName());
        assertTrue(accelerator.listTables().tableNames().contains(table));
    }
}
