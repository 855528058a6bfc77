package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Tables.attribute;
import static io.dynamis.it.Tables.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Global secondary indexes: kept up to date from the change log (eventually consistent, so every check
 * polls, bounded), sparse, projected, queried and scanned with paging, and DynamoDB's errors.
 */
@ExtendWith(StackExtension.class)
class GlobalSecondaryIndexIT {

    private static final long WAIT_MILLIS = 30_000;

    private final DynamoDbClient client;

    GlobalSecondaryIndexIT(DynamisStack stack) {
        this.client = stack.client();
    }

    /**
     * Table pk (S) / sk (N) with three indexes on color (S) / weight (N): byColor ALL, byColorKeys KEYS_ONLY,
     * byColorPrice INCLUDE price.
     */
    private String createTable() {
        String name = Tables.uniqueName("gsi");
        client.createTable(r -> r.tableName(name)
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("color", ScalarAttributeType.S), attribute("weight", ScalarAttributeType.N))
                .globalSecondaryIndexes(
                        index("byColor", ProjectionType.ALL, List.of()),
                        index("byColorKeys", ProjectionType.KEYS_ONLY, List.of()),
                        index("byColorPrice", ProjectionType.INCLUDE, List.of("price")))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    private static GlobalSecondaryIndex index(String name, ProjectionType type, List<String> include) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key("color", KeyType.HASH), key("weight", KeyType.RANGE))
                .projection(p -> {
                    p.projectionType(type);
                    if (!include.isEmpty()) {
                        p.nonKeyAttributes(include);
                    }
                }).build();
    }

    private void put(String table, String pk, long sk, String color, Long size, String price) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", s(pk));
        item.put("sk", n(sk));
        if (color != null) {
            item.put("color", s(color));
        }
        if (size != null) {
            item.put("weight", n(size));
        }
        if (price != null) {
            item.put("price", s(price));
        }
        item.put("note", s("note of " + pk + sk));
        client.putItem(r -> r.tableName(table).item(item));
    }

    private QueryResponse query(String table, String index, String color, Consumer<QueryRequest.Builder> more) {
        QueryRequest.Builder builder = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("color = :c").expressionAttributeValues(Map.of(":c", s(color)));
        more.accept(builder);
        return client.query(builder.build());
    }

    /** Polls the query until its answer satisfies {@code done}, for at most {@link #WAIT_MILLIS}. */
    private QueryResponse awaitQuery(String table, String index, String color, Predicate<QueryResponse> done)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        QueryResponse response = query(table, index, color, b -> { });
        while (!done.test(response)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the index never showed the expected items; last answer: " + response.items());
            }
            Thread.sleep(100);
            response = query(table, index, color, b -> { });
        }
        return response;
    }

    private static List<String> ids(List<Map<String, AttributeValue>> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("pk").s() + item.get("sk").n()));
        return ids;
    }

    private String tableWithItems() throws InterruptedException {
        String table = createTable();
        put(table, "a", 1, "red", 3L, "10");
        put(table, "a", 2, "red", 1L, "20");
        put(table, "b", 1, "red", 2L, null);
        put(table, "c", 1, "blue", 5L, "30");
        put(table, "d", 1, null, null, "40"); // no index key: not in any index
        put(table, "e", 1, "red", null, "50"); // index sort key missing: not in the index either
        awaitQuery(table, "byColorPrice", "red", r -> r.count() == 3);
        awaitQuery(table, "byColorKeys", "red", r -> r.count() == 3);
        awaitQuery(table, "byColor", "blue", r -> r.count() == 1);
        return table;
    }

    @Test
    void aQueryOnTheIndexReturnsItsItemsInIndexSortOrder() throws InterruptedException {
        String table = tableWithItems();
        QueryResponse response = awaitQuery(table, "byColor", "red", r -> r.count() == 3);
        assertEquals(List.of("a2", "b1", "a1"), ids(response.items()));
        assertEquals(s("note of a2"), response.items().get(0).get("note"));
        QueryResponse backwards = query(table, "byColor", "red", b -> b.scanIndexForward(false));
        assertEquals(List.of("a1", "b1", "a2"), ids(backwards.items()));
        QueryResponse ranged = client.query(r -> r.tableName(table).indexName("byColor")
                .keyConditionExpression("color = :c AND weight BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":c", s("red"), ":lo", n(2), ":hi", n(3))));
        assertEquals(List.of("b1", "a1"), ids(ranged.items()));
    }

    @Test
    void projectionsKeepKeysAndIncludedAttributes() throws InterruptedException {
        String table = tableWithItems();
        Map<String, AttributeValue> keysOnly = query(table, "byColorKeys", "red", b -> { }).items().get(0);
        assertEquals(Map.of("pk", s("a"), "sk", n(2), "color", s("red"), "weight", n(1)), keysOnly);
        Map<String, AttributeValue> include = query(table, "byColorPrice", "red", b -> { }).items().get(0);
        assertEquals(Map.of("pk", s("a"), "sk", n(2), "color", s("red"), "weight", n(1), "price", s("20")), include);
        Map<String, AttributeValue> projected = query(table, "byColorPrice", "red",
                b -> b.projectionExpression("price")).items().get(0);
        assertEquals(Map.of("price", s("20")), projected);
    }

    @Test
    void pagesCarryTheIndexKeyAndTheTableKey() throws InterruptedException {
        String table = tableWithItems();
        QueryResponse first = query(table, "byColor", "red", b -> b.limit(2));
        assertEquals(List.of("a2", "b1"), ids(first.items()));
        assertEquals(Map.of("color", s("red"), "weight", n(2), "pk", s("b"), "sk", n(1)), first.lastEvaluatedKey());
        QueryResponse second = query(table, "byColor", "red", b -> b.limit(2).exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(List.of("a1"), ids(second.items()));
        assertEquals(Map.of(), second.lastEvaluatedKey());

        List<String> scanned = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < 10; page++) {
            Map<String, AttributeValue> from = start;
            ScanResponse response = client.scan(r -> r.tableName(table).indexName("byColor").limit(2)
                    .exclusiveStartKey(from));
            scanned.addAll(ids(response.items()));
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = response.lastEvaluatedKey();
        }
        scanned.sort(null);
        assertEquals(List.of("a1", "a2", "b1", "c1"), scanned);
    }

    @Test
    void updatesMoveItemsBetweenIndexPartitionsAndDeletesRemoveThem() throws InterruptedException {
        String table = tableWithItems();
        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("a"), "sk", n(1)))
                .updateExpression("SET color = :c").expressionAttributeValues(Map.of(":c", s("blue"))));
        awaitQuery(table, "byColor", "blue", r -> r.count() == 2);
        assertEquals(List.of("a2", "b1"), ids(awaitQuery(table, "byColor", "red", r -> r.count() == 2).items()));

        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("e"), "sk", n(1)))
                .updateExpression("SET weight = :s").expressionAttributeValues(Map.of(":s", n(9))));
        assertEquals(List.of("a2", "b1", "e1"),
                ids(awaitQuery(table, "byColor", "red", r -> r.count() == 3).items()));

        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("b"), "sk", n(1)))
                .updateExpression("REMOVE color"));
        client.deleteItem(r -> r.tableName(table).key(Map.of("pk", s("a"), "sk", n(2))));
        assertEquals(List.of("e1"), ids(awaitQuery(table, "byColor", "red", r -> r.count() == 1).items()));
        assertEquals(List.of("e1"), ids(awaitQuery(table, "byColorKeys", "red", r -> r.count() == 1).items()));
    }

    @Test
    void countAndFilterWorkOnTheIndex() throws InterruptedException {
        String table = tableWithItems();
        QueryResponse count = query(table, "byColor", "red", b -> b.select(Select.COUNT));
        assertEquals(3, count.count());
        assertNull(count.items().isEmpty() ? null : count.items());
        QueryResponse filtered = query(table, "byColorPrice", "red", b -> b.filterExpression("attribute_exists(price)"));
        assertEquals(List.of("a2", "a1"), ids(filtered.items()));
        assertEquals(3, filtered.scannedCount());
    }

    @Test
    void consumedCapacityOfAnIndexReadIsChargedToTheGlobalIndex() throws InterruptedException {
        String table = tableWithItems();
        var indexes = query(table, "byColor", "red", b -> b.returnConsumedCapacity("INDEXES")).consumedCapacity();
        assertEquals(table, indexes.tableName());
        assertEquals(0.5, indexes.capacityUnits(), "three small items, eventually consistent: half a unit");
        assertEquals(0.0, indexes.table().capacityUnits(), "nothing is read from the table");
        assertEquals(Map.of("byColor", 0.5), Map.of("byColor",
                indexes.globalSecondaryIndexes().get("byColor").capacityUnits()));
        assertEquals(false, indexes.hasLocalSecondaryIndexes());
        var total = client.scan(b -> b.tableName(table).indexName("byColorKeys").returnConsumedCapacity("TOTAL"))
                .consumedCapacity();
        assertEquals(0.5, total.capacityUnits());
        assertNull(total.table());
        assertEquals(false, total.hasGlobalSecondaryIndexes());
    }

    @Test
    void readsTheIndexCannotServeAreRefused() throws InterruptedException {
        String table = createTable();
        expectValidation("Consistent reads are not supported on global secondary indexes",
                () -> query(table, "byColor", "red", b -> b.consistentRead(true)));
        expectValidation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for"
                + " global secondary index byColorKeys because its projection type is not ALL",
                () -> query(table, "byColorKeys", "red", b -> b.select(Select.ALL_ATTRIBUTES)));
        expectValidation("The table does not have the specified index: nope",
                () -> query(table, "nope", "red", b -> { }));
        expectValidation("Query condition missed key schema element: color",
                () -> client.query(r -> r.tableName(table).indexName("byColor").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))));
        assertNotNull(query(table, "byColor", "red", b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES)));
    }

    @Test
    void describeTableCountsTheIndexedItems() throws InterruptedException {
        String table = tableWithItems();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            Map<String, Long> counts = new java.util.HashMap<>();
            Map<String, Long> sizes = new java.util.HashMap<>();
            client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().forEach(index -> {
                counts.put(index.indexName(), index.itemCount());
                sizes.put(index.indexName(), index.indexSizeBytes());
            });
            if (counts.equals(Map.of("byColor", 4L, "byColorKeys", 4L, "byColorPrice", 4L))) {
                assertEquals(true, sizes.get("byColor") > sizes.get("byColorPrice"));
                assertEquals(true, sizes.get("byColorPrice") > sizes.get("byColorKeys"));
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("index counts never reached 4: " + counts);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void anIndexAddedByUpdateTableIsBackfilledThenActiveAndCanBeDeleted() throws InterruptedException {
        String table = Tables.uniqueName("gsiadd");
        client.createTable(r -> r.tableName(table)
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        for (int i = 0; i < 25; i++) {
            put(table, "p" + (i % 5), i, i % 2 == 0 ? "red" : "blue", (long) i, null);
        }
        put(table, "x", 1, null, null, null);
        put(table, "big", 1, "r".repeat(2049), 1L, null); // no index key may hold it: the backfill leaves it out
        var created = client.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attribute("color", ScalarAttributeType.S), attribute("weight", ScalarAttributeType.N))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                        .keySchema(key("color", KeyType.HASH), key("weight", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        var described = created.tableDescription().globalSecondaryIndexes().get(0);
        assertEquals("CREATING", described.indexStatusAsString());
        assertEquals(true, described.backfilling());
        assertEquals("UPDATING", created.tableDescription().tableStatusAsString(), "the table updates while it backfills");

        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!"ACTIVE".equals(client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().get(0)
                .indexStatusAsString())) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the index never became ACTIVE");
            }
            Thread.sleep(100);
        }
        assertEquals(13, awaitQuery(table, "byColor", "red", r -> r.count() == 13).count());
        assertEquals(25, client.scan(r -> r.tableName(table).indexName("byColor")).count(),
                "every item with a valid index key, not x (no color) nor big (a 2049-byte color)");
        put(table, "y", 1, "red", 100L, null);
        assertEquals(List.of("y1"), ids(awaitQuery(table, "byColor", "red", r -> r.count() == 14).items()).subList(13, 14));

        client.updateTable(r -> r.tableName(table)
                .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byColor"))));
        assertEquals(false, client.describeTable(r -> r.tableName(table)).table().hasGlobalSecondaryIndexes());
        expectValidation("The table does not have the specified index: byColor",
                () -> query(table, "byColor", "red", b -> { }));
    }
}
