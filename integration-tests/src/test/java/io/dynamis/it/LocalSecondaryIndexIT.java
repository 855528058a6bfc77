package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Local secondary indexes: kept with the item in the same commit, queried and scanned with IndexName,
 * for each projection type, as DynamoDB documents them.
 *
 * <p>The table: orders by {@code customer} (partition key) and {@code order} (sort key), with the
 * indexes {@code byTotal} (sort key {@code orderTotal} N, ALL), {@code byDate} (sort key {@code placed} S,
 * KEYS_ONLY) and {@code byStatus} (sort key {@code status} S, INCLUDE {@code amount}), and a global
 * index {@code byRegion}.
 */
@ExtendWith(StackExtension.class)
class LocalSecondaryIndexIT {

    private final DynamoDbClient client;

    LocalSecondaryIndexIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private String createOrders() {
        String name = Tables.uniqueName("lsi");
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("customer", ScalarAttributeType.S),
                        attribute("order", ScalarAttributeType.S), attribute("orderTotal", ScalarAttributeType.N),
                        attribute("placed", ScalarAttributeType.S), attribute("status", ScalarAttributeType.S),
                        attribute("shipRegion", ScalarAttributeType.S))
                .keySchema(key("customer", KeyType.HASH), key("order", KeyType.RANGE))
                .localSecondaryIndexes(
                        l -> l.indexName("byTotal").keySchema(key("customer", KeyType.HASH), key("orderTotal", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL)),
                        l -> l.indexName("byDate").keySchema(key("customer", KeyType.HASH), key("placed", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)),
                        l -> l.indexName("byStatus").keySchema(key("customer", KeyType.HASH), key("status", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("amount")))
                .globalSecondaryIndexes(g -> g.indexName("byRegion").keySchema(key("shipRegion", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        return name;
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private void put(String table, Map<String, AttributeValue> item) {
        client.putItem(r -> r.tableName(table).item(item));
    }

    private void order(String table, String customer, String order, long orderTotal, String placed, String status) {
        put(table, item("customer", s(customer), "order", s(order), "orderTotal", n(orderTotal), "placed", s(placed),
                "status", s(status), "amount", n(orderTotal * 10), "note", s("note " + order)));
    }

    private QueryResponse query(String table, String index, String condition, Map<String, AttributeValue> values,
            Consumer<QueryRequest.Builder> more) {
        QueryRequest.Builder builder = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(condition).expressionAttributeValues(values);
        more.accept(builder);
        return client.query(builder.build());
    }

    private QueryResponse queryCustomer(String table, String index, String customer) {
        return query(table, index, "customer = :c", Map.of(":c", s(customer)), b -> { });
    }

    private static List<String> orders(List<Map<String, AttributeValue>> items) {
        List<String> orders = new ArrayList<>();
        items.forEach(item -> orders.add(item.get("order").s()));
        return orders;
    }

    private String threeOrders() {
        String table = createOrders();
        order(table, "ann", "o1", 30, "2024-03-01", "SHIPPED");
        order(table, "ann", "o2", 10, "2024-01-01", "PENDING");
        order(table, "ann", "o3", 20, "2024-02-01", "DELIVERED");
        order(table, "bob", "o9", 5, "2024-01-05", "PENDING");
        return table;
    }

    @Test
    void anAllProjectionIndexReturnsWholeItemsInIndexSortKeyOrder() {
        String table = threeOrders();
        QueryResponse forward = queryCustomer(table, "byTotal", "ann");
        assertEquals(List.of("o2", "o3", "o1"), orders(forward.items()));
        assertEquals(7, forward.items().get(0).size());
        assertEquals("note o2", forward.items().get(0).get("note").s());
        QueryResponse backward = query(table, "byTotal", "customer = :c", Map.of(":c", s("ann")),
                b -> b.scanIndexForward(false));
        assertEquals(List.of("o1", "o3", "o2"), orders(backward.items()));
        QueryResponse range = query(table, "byTotal", "customer = :c AND orderTotal BETWEEN :lo AND :hi",
                Map.of(":c", s("ann"), ":lo", n(10), ":hi", n(20)), b -> { });
        assertEquals(List.of("o2", "o3"), orders(range.items()));
        QueryResponse greater = query(table, "byTotal", "customer = :c AND orderTotal > :v",
                Map.of(":c", s("ann"), ":v", n(10)), b -> { });
        assertEquals(List.of("o3", "o1"), orders(greater.items()));
    }

    @Test
    void aKeysOnlyIndexReturnsTheTableAndIndexKeys() {
        String table = threeOrders();
        QueryResponse response = query(table, "byDate", "customer = :c AND placed >= :d",
                Map.of(":c", s("ann"), ":d", s("2024-02")), b -> { });
        assertEquals(List.of("o3", "o1"), orders(response.items()));
        assertEquals(item("customer", s("ann"), "order", s("o3"), "placed", s("2024-02-01")), response.items().get(0));
        QueryResponse prefix = query(table, "byDate", "customer = :c AND begins_with(placed, :d)",
                Map.of(":c", s("ann"), ":d", s("2024-01")), b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES));
        assertEquals(List.of(item("customer", s("ann"), "order", s("o2"), "placed", s("2024-01-01"))), prefix.items());
    }

    @Test
    void anIncludeIndexReturnsTheKeysAndTheListedAttributes() {
        String table = threeOrders();
        QueryResponse response = query(table, "byStatus", "customer = :c AND #s = :s",
                Map.of(":c", s("ann"), ":s", s("PENDING")), b -> b.expressionAttributeNames(Map.of("#s", "status")));
        assertEquals(List.of(item("customer", s("ann"), "order", s("o2"), "status", s("PENDING"), "amount", n(100))),
                response.items());
    }

    @Test
    void selectAllAttributesFetchesWhatTheIndexDoesNotProject() {
        String table = threeOrders();
        QueryResponse response = query(table, "byDate", "customer = :c", Map.of(":c", s("ann")),
                b -> b.select(Select.ALL_ATTRIBUTES));
        assertEquals(List.of("o2", "o3", "o1"), orders(response.items()));
        assertEquals("note o2", response.items().get(0).get("note").s());
        assertEquals(7, response.items().get(0).size());
        QueryResponse projected = query(table, "byDate", "customer = :c", Map.of(":c", s("ann")),
                b -> b.projectionExpression("note, placed"));
        assertEquals(item("note", s("note o2"), "placed", s("2024-01-01")), projected.items().get(0));
        QueryResponse filtered = query(table, "byStatus", "customer = :c", Map.of(":c", s("ann"), ":n", s("note o3")),
                b -> b.filterExpression("note = :n"));
        assertEquals(List.of("o3"), orders(filtered.items()));
        assertEquals(3, filtered.scannedCount());
    }

    @Test
    void anUpdateMovesTheItemWithinTheIndex() {
        String table = threeOrders();
        client.updateItem(b -> b.tableName(table).key(item("customer", s("ann"), "order", s("o2")))
                .updateExpression("SET orderTotal = :t").expressionAttributeValues(Map.of(":t", n(99))));
        assertEquals(List.of("o3", "o1", "o2"), orders(queryCustomer(table, "byTotal", "ann").items()));
        QueryResponse old = query(table, "byTotal", "customer = :c AND orderTotal = :t",
                Map.of(":c", s("ann"), ":t", n(10)), b -> { });
        assertEquals(0, old.count());
        QueryResponse moved = query(table, "byTotal", "customer = :c AND orderTotal = :t",
                Map.of(":c", s("ann"), ":t", n(99)), b -> { });
        assertEquals(List.of("o2"), orders(moved.items()));
        // an update of a non-key attribute rewrites the entry in place
        client.updateItem(b -> b.tableName(table).key(item("customer", s("ann"), "order", s("o3")))
                .updateExpression("SET note = :n").expressionAttributeValues(Map.of(":n", s("changed"))));
        assertEquals("changed", query(table, "byTotal", "customer = :c AND orderTotal = :t",
                Map.of(":c", s("ann"), ":t", n(20)), b -> { }).items().get(0).get("note").s());
    }

    @Test
    void deletingAnItemOrItsIndexKeyRemovesItsEntry() {
        String table = threeOrders();
        client.deleteItem(b -> b.tableName(table).key(item("customer", s("ann"), "order", s("o1"))));
        assertEquals(List.of("o2", "o3"), orders(queryCustomer(table, "byTotal", "ann").items()));
        client.updateItem(b -> b.tableName(table).key(item("customer", s("ann"), "order", s("o2")))
                .updateExpression("REMOVE placed"));
        assertEquals(List.of("o3"), orders(queryCustomer(table, "byDate", "ann").items()));
        assertEquals(List.of("o2", "o3"), orders(queryCustomer(table, "byTotal", "ann").items()));
    }

    @Test
    void itemsWithoutTheIndexSortKeyAreNotInTheIndex() {
        String table = threeOrders();
        put(table, item("customer", s("ann"), "order", s("o4"), "orderTotal", n(1)));
        assertEquals(List.of("o2", "o3", "o1"), orders(queryCustomer(table, "byDate", "ann").items()));
        assertEquals(List.of("o4", "o2", "o3", "o1"), orders(queryCustomer(table, "byTotal", "ann").items()));
        ScanResponse scan = client.scan(b -> b.tableName(table).indexName("byDate"));
        assertEquals(4, scan.count());
        assertEquals(3, scan.items().get(0).size());
        Map<String, LocalSecondaryIndexDescription> described = new java.util.HashMap<>();
        client.describeTable(b -> b.tableName(table)).table().localSecondaryIndexes()
                .forEach(index -> described.put(index.indexName(), index));
        assertEquals(5, described.get("byTotal").itemCount());
        assertEquals(4, described.get("byDate").itemCount());
        assertTrue(described.get("byTotal").indexSizeBytes() > described.get("byDate").indexSizeBytes());
    }

    @Test
    void equalIndexSortKeysAreOrderedByTheTableSortKeyAndPagedWithLastEvaluatedKey() {
        String table = createOrders();
        for (int i = 0; i < 7; i++) {
            order(table, "cat", "o" + i, i % 2, "2024-01-0" + i, "NEW");
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < 10; page++) {
            Map<String, AttributeValue> from = start;
            QueryResponse response = query(table, "byTotal", "customer = :c", Map.of(":c", s("cat")),
                    b -> b.limit(3).exclusiveStartKey(from));
            seen.addAll(orders(response.items()));
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            assertEquals(java.util.Set.of("customer", "order", "orderTotal"), response.lastEvaluatedKey().keySet());
            start = response.lastEvaluatedKey();
        }
        assertEquals(List.of("o0", "o2", "o4", "o6", "o1", "o3", "o5"), seen);
        QueryResponse firstPage = query(table, "byTotal", "customer = :c", Map.of(":c", s("cat")), b -> b.limit(2));
        assertEquals(Map.of("customer", s("cat"), "order", s("o2"), "orderTotal", n(0)), firstPage.lastEvaluatedKey());
    }

    @Test
    void fetchingFromTheTableIsChargedAsOneReadPerItem() {
        String table = threeOrders();
        QueryResponse response = query(table, "byDate", "customer = :c", Map.of(":c", s("ann")),
                b -> b.select(Select.ALL_ATTRIBUTES).consistentRead(true)
                        .returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.INDEXES));
        var capacity = response.consumedCapacity();
        assertEquals(4.0, capacity.capacityUnits());
        assertEquals(3.0, capacity.table().capacityUnits());
        assertEquals(1.0, capacity.localSecondaryIndexes().get("byDate").capacityUnits());
        QueryResponse projected = query(table, "byDate", "customer = :c", Map.of(":c", s("ann")),
                b -> b.returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL));
        assertEquals(0.5, projected.consumedCapacity().capacityUnits());
    }

    @Test
    void countAndConsistentReadsWork() {
        String table = threeOrders();
        QueryResponse count = query(table, "byTotal", "customer = :c", Map.of(":c", s("ann")),
                b -> b.select(Select.COUNT).consistentRead(true));
        assertEquals(3, count.count());
        assertTrue(count.items().isEmpty());
    }

    @Test
    void returnItemCollectionMetricsReportsThePartitionsCollection() {
        String table = threeOrders();
        PutItemResponse response = client.putItem(b -> b.tableName(table)
                .item(item("customer", s("ann"), "order", s("o5"), "orderTotal", n(3)))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertEquals(Map.of("customer", s("ann")), response.itemCollectionMetrics().itemCollectionKey());
        assertEquals(List.of(0.0, 1.0), response.itemCollectionMetrics().sizeEstimateRangeGB());
        PutItemResponse without = client.putItem(b -> b.tableName(table)
                .item(item("customer", s("ann"), "order", s("o6"), "orderTotal", n(3))));
        assertNull(without.itemCollectionMetrics());
    }

    @Test
    void batchWritesReportTheCollectionOfEachWrite() {
        String table = threeOrders();
        var response = client.batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .requestItems(Map.of(table, List.of(
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(
                                item("customer", s("bob"), "order", s("o8"), "orderTotal", n(1)))).build(),
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().deleteRequest(d -> d.key(
                                item("customer", s("ann"), "order", s("o1")))).build()))));
        var metrics = response.itemCollectionMetrics().get(table);
        assertEquals(2, metrics.size());
        assertEquals(Map.of("customer", s("bob")), metrics.get(0).itemCollectionKey());
        assertEquals(Map.of("customer", s("ann")), metrics.get(1).itemCollectionKey());
        assertEquals(List.of(0.0, 1.0), metrics.get(1).sizeEstimateRangeGB());
        assertEquals(List.of("o2", "o3"), orders(queryCustomer(table, "byTotal", "ann").items()));
    }

    @Test
    void transactionsReportTheCollectionOfEachWriteButNotOfConditionChecks() {
        String table = threeOrders();
        var response = client.transactWriteItems(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .transactItems(
                        t -> t.put(p -> p.tableName(table).item(item("customer", s("dan"), "order", s("o1"),
                                "orderTotal", n(4)))),
                        t -> t.conditionCheck(c -> c.tableName(table).key(item("customer", s("ann"), "order", s("o1")))
                                .conditionExpression("attribute_exists(note)"))));
        var metrics = response.itemCollectionMetrics().get(table);
        assertEquals(1, metrics.size());
        assertEquals(Map.of("customer", s("dan")), metrics.get(0).itemCollectionKey());
        assertEquals(List.of("o1"), orders(queryCustomer(table, "byTotal", "dan").items()));
    }

    @Test
    void aTableCreatedAgainUnderTheSameNameStartsWithEmptyIndexes() {
        String table = threeOrders();
        client.deleteTable(b -> b.tableName(table));
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("customer", ScalarAttributeType.S),
                        attribute("order", ScalarAttributeType.S), attribute("orderTotal", ScalarAttributeType.N))
                .keySchema(key("customer", KeyType.HASH), key("order", KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("byTotal")
                        .keySchema(key("customer", KeyType.HASH), key("orderTotal", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        assertEquals(0, queryCustomer(table, "byTotal", "ann").count());
        assertEquals(0, client.scan(b -> b.tableName(table).indexName("byTotal")).count());
        assertEquals(0, client.describeTable(b -> b.tableName(table)).table().localSecondaryIndexes().get(0).itemCount());
    }

    @Test
    void indexReadErrorsUseDynamoDbsMessages() {
        String table = threeOrders();
        expectValidation("The table does not have the specified index: byNothing",
                () -> queryCustomer(table, "byNothing", "ann"));
        expectValidation("Query condition missed key schema element: orderTotal",
                () -> query(table, "byTotal", "customer = :c AND #o = :o", Map.of(":c", s("ann"), ":o", s("o1")),
                        b -> b.expressionAttributeNames(Map.of("#o", "order"))));
        expectValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: orderTotal",
                () -> query(table, "byTotal", "customer = :c", Map.of(":c", s("ann"), ":t", n(1)),
                        b -> b.filterExpression("orderTotal > :t")));
        expectValidation("Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES",
                () -> query(table, "byTotal", "customer = :c", Map.of(":c", s("ann")),
                        b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES).projectionExpression("note")));
        expectValidation("The provided starting key is invalid: The provided key element does not match the schema",
                () -> query(table, "byTotal", "customer = :c", Map.of(":c", s("ann")),
                        b -> b.exclusiveStartKey(Map.of("customer", s("ann"), "order", s("o1")))));
    }
}
