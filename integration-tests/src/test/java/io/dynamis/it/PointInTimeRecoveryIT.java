package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Point-in-time recovery is exact: a random workload of puts, updates and deletes runs over a table
 * with a local and a global index; at many random past seconds the table is restored and compared,
 * item by item and index by index, with the state the test itself recorded for that second.
 */
@ExtendWith(StackExtension.class)
class PointInTimeRecoveryIT {

    static final String LSI = "byLocal";
    static final String GSI = "byGlobal";
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(120);

    private final DynamisStack stack;

    PointInTimeRecoveryIT(DynamisStack stack) {
        this.stack = stack;
    }

    /** A table keyed pk (S) + sk (N), with LSI byLocal on lv (N) and GSI byGlobal on g (S) + gv (N), both projecting all. */
    static String createIndexedTable(DynamoDbClient client, String prefix) {
        String name = Tables.uniqueName(prefix);
        client.createTable(b -> b.tableName(name)
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("lv", ScalarAttributeType.N), attribute("g", ScalarAttributeType.S),
                        attribute("gv", ScalarAttributeType.N))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(LSI)
                        .keySchema(key("pk", KeyType.HASH), key("lv", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(GSI)
                        .keySchema(key("g", KeyType.HASH), key("gv", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /** {@link #createIndexedTable} with point-in-time recovery enabled. */
    static String createProtectedTable(DynamoDbClient client, String prefix) {
        String table = createIndexedTable(client, prefix);
        enablePointInTimeRecovery(client, table);
        return table;
    }

    static void enablePointInTimeRecovery(DynamoDbClient client, String table) {
        client.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    }

    @Test
    void everyRestoreOfARandomPastSecondEqualsTheStateRecordedForThatSecond() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = createProtectedTable(client, "pitr-exact");
            Random random = new Random(8);
            Map<String, Map<String, AttributeValue>> model = new HashMap<>();
            Map<Long, Map<String, Map<String, AttributeValue>>> states = new TreeMap<>();
            // the state before any write, and then after each burst, at a second no write straddles
            waitPastNextSecond(states, model);
            for (int round = 0; round < 14; round++) {
                int operations = 10 + random.nextInt(40);
                for (int i = 0; i < operations; i++) {
                    randomWrite(client, table, random, model, round * 1000 + i);
                }
                waitPastNextSecond(states, model);
            }
            List<Long> seconds = new ArrayList<>(states.keySet());
            awaitRestorable(client, table, seconds.get(seconds.size() - 1));
            Collections.shuffle(seconds, random);
            for (long second : seconds.subList(0, 8)) {
                String target = table + "-at-" + second;
                RestoreTableToPointInTimeResponse response = client.restoreTableToPointInTime(b -> b
                        .sourceTableName(table).targetTableName(target).restoreDateTime(Instant.ofEpochSecond(second)));
                TableDescription created = response.tableDescription();
                assertEquals(TableStatus.CREATING, created.tableStatus());
                assertTrue(created.restoreSummary().restoreInProgress());
                assertEquals(Instant.ofEpochSecond(second), created.restoreSummary().restoreDateTime());
                assertTrue(created.restoreSummary().sourceTableArn().endsWith(":table/" + table));
                TableDescription restored = awaitActive(client, target);
                assertEquals(false, restored.restoreSummary().restoreInProgress());
                assertEquals(LSI, restored.localSecondaryIndexes().get(0).indexName());
                assertEquals(GSI, restored.globalSecondaryIndexes().get(0).indexName());
                assertSameState(client, target, states.get(second), "restored at second " + second);
            }
        }
    }

    /**
     * A table spread over every item-service shard (40 partitions; with several shards each holds some):
     * written, its state at a second T noted, written more, then restored to T, equals the table at T item
     * by item (the restore window and the restored state come from every shard's archived log).
     */
    @Test
    void aRestoreOfATableSpreadOverEveryShardEqualsTheTableAtThatSecond() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = createProtectedTable(client, "pitr-shards");
            Random random = new Random(18);
            Map<String, Map<String, AttributeValue>> model = new HashMap<>();
            Map<Long, Map<String, Map<String, AttributeValue>>> states = new TreeMap<>();
            for (int i = 0; i < 300; i++) {
                randomWrite(client, table, random, model, i, 40);
            }
            long second = waitPastNextSecond(states, model);
            for (int i = 0; i < 200; i++) {
                randomWrite(client, table, random, model, 1000 + i, 40);
            }
            assertTrue(!model.equals(states.get(second)), "the table changed after the second restored to");
            if (!stack.isExternal() && stack.shards() > 1) {
                for (int shard = 0; shard < stack.shards(); shard++) {
                    assertTrue(stack.itemsOnShard(shard, table) > 0, "item-service shard " + shard + " holds items of the table");
                }
            }
            awaitRestorable(client, table, second);
            String target = table + "-at-" + second;
            client.restoreTableToPointInTime(b -> b.sourceTableName(table).targetTableName(target)
                    .restoreDateTime(Instant.ofEpochSecond(second)));
            awaitActive(client, target);
            assertSameState(client, target, states.get(second), "restored at second " + second);
        }
    }

    /** Puts, updates (SET and REMOVE of index keys) and deletes over 40 items of 4 partitions. */
    static void randomWrite(DynamoDbClient client, String table, Random random,
            Map<String, Map<String, AttributeValue>> model, int counter) {
        randomWrite(client, table, random, model, counter, 4);
    }

    /** Puts, updates (SET and REMOVE of index keys) and deletes over 10 items in each of {@code partitions} partitions. */
    static void randomWrite(DynamoDbClient client, String table, Random random,
            Map<String, Map<String, AttributeValue>> model, int counter, int partitions) {
        String pk = "p" + random.nextInt(partitions);
        int sk = random.nextInt(10);
        String id = pk + "/" + sk;
        Map<String, AttributeValue> key = Items.item("pk", Items.s(pk), "sk", Items.n(sk));
        int action = random.nextInt(10);
        if (action < 5) {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("c", Items.n(counter));
            if (random.nextBoolean()) {
                item.put("lv", Items.n(random.nextInt(100)));
            }
            if (random.nextInt(3) > 0) {
                item.put("g", Items.s("g" + random.nextInt(3)));
                item.put("gv", Items.n(random.nextInt(1000)));
            }
            client.putItem(b -> b.tableName(table).item(item));
            model.put(id, item);
        } else if (action < 8) {
            Map<String, AttributeValue> item = new HashMap<>(model.getOrDefault(id, key));
            item.put("c", Items.n(counter));
            if (random.nextBoolean()) {
                int lv = random.nextInt(100);
                client.updateItem(b -> b.tableName(table).key(key).updateExpression("SET c = :c, lv = :lv")
                        .expressionAttributeValues(Map.of(":c", Items.n(counter), ":lv", Items.n(lv))));
                item.put("lv", Items.n(lv));
            } else {
                client.updateItem(b -> b.tableName(table).key(key).updateExpression("SET c = :c REMOVE g, lv")
                        .expressionAttributeValues(Map.of(":c", Items.n(counter))));
                item.remove("g");
                item.remove("lv");
            }
            model.put(id, item);
        } else {
            client.deleteItem(b -> b.tableName(table).key(key));
            model.remove(id);
        }
    }

    /** Waits until 150 ms past the next whole second, and records the model as the state at that second. */
    static long waitPastNextSecond(Map<Long, Map<String, Map<String, AttributeValue>>> states,
            Map<String, Map<String, AttributeValue>> model) throws InterruptedException {
        long second = System.currentTimeMillis() / 1000 + 1;
        Thread.sleep(second * 1000 + 150 - System.currentTimeMillis());
        Map<String, Map<String, AttributeValue>> copy = new HashMap<>();
        model.forEach((id, item) -> copy.put(id, new HashMap<>(item)));
        states.put(second, copy);
        return second;
    }

    static void awaitRestorable(DynamoDbClient client, String table, long second) throws InterruptedException {
        awaitRestorable(client, table, Instant.ofEpochSecond(second));
    }

    /** Waits (up to 60 s) until the table's latest restorable time is at or after {@code time}. */
    static void awaitRestorable(DynamoDbClient client, String table, Instant time) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            PointInTimeRecoveryDescription pitr = client.describeContinuousBackups(b -> b.tableName(table))
                    .continuousBackupsDescription().pointInTimeRecoveryDescription();
            if (!pitr.latestRestorableDateTime().isBefore(time)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the latest restorable time reaches " + time
                    + "; it is " + pitr.latestRestorableDateTime());
            Thread.sleep(200);
        }
    }

    static TableDescription awaitActive(DynamoDbClient client, String table) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            TableDescription description = client.describeTable(b -> b.tableName(table)).table();
            if (description.tableStatus() == TableStatus.ACTIVE) {
                return description;
            }
            assertTrue(System.nanoTime() < deadline, table + " becomes ACTIVE");
            Thread.sleep(100);
        }
    }

    /**
     * The table's items equal {@code expected}, its local index holds exactly the items with lv, and
     * its global index (once query-service has caught up) exactly the items with g and gv.
     */
    static void assertSameState(DynamoDbClient client, String table, Map<String, Map<String, AttributeValue>> expected,
            String what) throws InterruptedException {
        assertEquals(normalized(expected.values()), normalized(scan(client, table, null)), what + ": items");
        assertEquals(normalized(expected.values().stream().filter(i -> i.containsKey("lv")).toList()),
                normalized(scan(client, table, LSI)), what + ": local index " + LSI);
        List<Map<String, AttributeValue>> inGlobal = expected.values().stream()
                .filter(i -> i.containsKey("g") && i.containsKey("gv")).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Map<String, AttributeValue>> global = scan(client, table, GSI);
        while (global.size() != inGlobal.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            global = scan(client, table, GSI);
        }
        assertEquals(normalized(inGlobal), normalized(global), what + ": global index " + GSI);
    }

    static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table, String index) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(b -> {
            b.tableName(table);
            if (index == null || LSI.equals(index)) {
                b.consistentRead(true);
            }
            if (index != null) {
                b.indexName(index);
            }
        }).forEach(page -> items.addAll(page.items()));
        return items;
    }

    static List<Map<String, AttributeValue>> normalized(java.util.Collection<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> sorted = new ArrayList<>();
        items.forEach(item -> sorted.add(Items.normalized(item)));
        sorted.sort(java.util.Comparator.comparing(Object::toString));
        return sorted;
    }
}
