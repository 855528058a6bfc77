package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * ConsumedCapacity (Developer Guide, "Read/write capacity mode"): a write is 1 unit per KB (1,024 bytes) of item,
 * a strongly consistent read 1 unit per 4 KB, an eventually consistent read half that, an update or delete is charged
 * for the larger of the old and the new item, and transactions cost twice as much.
 */
@ExtendWith(StackExtension.class)
class ConsumedCapacityIT {

    private static final int KB = 1024;

    private final DynamoDbClient client;
    private String table;

    ConsumedCapacityIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @BeforeEach
    void createTable() {
        table = Tables.createHashTable(client, "cap", ScalarAttributeType.S);
    }

    /** An item of exactly {@code size} bytes: "pk" + the key (1 char) + "d" + the data. */
    private static Map<String, AttributeValue> sized(String pk, int size) {
        return item("pk", s(pk), "d", s(Items.chars(size - 2 - pk.length() - 1)));
    }

    private double put(String pk, int size) {
        return client.putItem(r -> r.tableName(table).item(sized(pk, size)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits();
    }

    private double get(String pk, boolean consistent) {
        return client.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(consistent)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
    }

    @Test
    void putItemCostsOneUnitPerKilobyte() {
        assertEquals(1.0, put("a", 100));
        assertEquals(1.0, put("b", KB));
        assertEquals(2.0, put("c", KB + 1));
        assertEquals(10.0, put("d", 10 * KB));
        assertEquals(10.0, put("d", 10), "replacing a big item with a small one: charged for the larger of the two");
    }

    @Test
    void totalNamesTheTableAndIndexesAddsTheTableBreakdown() {
        PutItemResponse total = client.putItem(r -> r.tableName(table).item(sized("a", 100)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(table, total.consumedCapacity().tableName());
        assertNull(total.consumedCapacity().table(), "TOTAL has no breakdown");
        PutItemResponse indexes = client.putItem(r -> r.tableName(table).item(sized("b", 100)).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertEquals(table, indexes.consumedCapacity().tableName());
        assertEquals(1.0, indexes.consumedCapacity().capacityUnits());
        assertNotNull(indexes.consumedCapacity().table());
        assertEquals(1.0, indexes.consumedCapacity().table().capacityUnits());
        PutItemResponse none = client.putItem(r -> r.tableName(table).item(sized("c", 100)).returnConsumedCapacity(ReturnConsumedCapacity.NONE));
        assertNull(none.consumedCapacity());
        assertNull(client.putItem(r -> r.tableName(table).item(sized("c", 100))).consumedCapacity(), "NONE by default");
    }

    @Test
    void getItemCostsOneUnitPerFourKilobytesAndHalfForEventualConsistency() {
        put("a", 100);
        put("b", 4 * KB);
        put("c", 4 * KB + 1);
        put("d", 20 * KB);
        assertEquals(1.0, get("a", true));
        assertEquals(0.5, get("a", false));
        assertEquals(1.0, get("b", true));
        assertEquals(2.0, get("c", true));
        assertEquals(1.0, get("c", false));
        assertEquals(5.0, get("d", true));
        assertEquals(2.5, get("d", false));
        assertEquals(1.0, get("absent", true), "reading nothing still costs the minimum");
        assertEquals(0.5, get("absent", false));
    }

    @Test
    void getItemWithIndexesBreaksDownByTable() {
        put("a", 100);
        ConsumedCapacity c = client.getItem(r -> r.tableName(table).key(key("a")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertEquals(1.0, c.capacityUnits());
        assertEquals(1.0, c.table().capacityUnits());
    }

    @Test
    void updateItemIsChargedForTheLargerOfTheOldAndNewItem() {
        put("a", 3 * KB);
        double shrink = client.updateItem(r -> r.tableName(table).key(key("a")).updateExpression("REMOVE d")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertEquals(3.0, shrink, "the old item was 3 KB");
        double grow = client.updateItem(r -> r.tableName(table).key(key("a")).updateExpression("SET d = :d")
                .expressionAttributeValues(item(":d", s(Items.chars(2 * KB))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertEquals(3.0, grow, "the new item is a little over 2 KB");
        double create = client.updateItem(r -> r.tableName(table).key(key("new")).updateExpression("SET v = :v")
                .expressionAttributeValues(item(":v", n(1))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits();
        assertEquals(1.0, create);
    }

    @Test
    void deleteItemIsChargedForTheDeletedItem() {
        put("a", 5 * KB);
        assertEquals(5.0, client.deleteItem(r -> r.tableName(table).key(key("a")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits());
        assertEquals(1.0, client.deleteItem(r -> r.tableName(table).key(key("a")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits(), "deleting nothing costs the minimum");
    }

    @Test
    void aFailedConditionalWriteStillConsumesCapacity() {
        put("a", 100);
        software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class,
                () -> client.putItem(r -> r.tableName(table).item(sized("a", 100)).conditionExpression("attribute_not_exists(pk)")
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
    }

    @Test
    void transactionalWritesToOneTableCostTwice() {
        List<ConsumedCapacity> writes = client.transactWriteItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(sized("a", 100)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(sized("b", 100)).build()).build())).consumedCapacity();
        assertEquals(1, writes.size());
        assertEquals(table, writes.get(0).tableName());
        assertEquals(2.0 + 2.0, writes.get(0).capacityUnits(), "2 write units per small item");
    }

    /**
     * DEVIATION from DynamoDB Local: the Developer Guide ("Capacity management for transactions") says a transactional
     * write costs 2 write units per KB, so a 100-byte and a 2 KB put in one table and a 100-byte put in another cost
     * 2 + 4 and 2; DynamoDB Local 2.6.1 reports 12 and 4 (it gets two small items in one table right, 4, see
     * {@link #transactionalWritesToOneTableCostTwice()}, but not items over 1 KB or several tables).
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void transactionalWritesCostTwice() {
        String other = Tables.createHashTable(client, "cap2", ScalarAttributeType.S);
        List<ConsumedCapacity> writes = client.transactWriteItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(sized("a", 100)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(sized("b", 2 * KB)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(other).item(sized("c", 100)).build()).build())).consumedCapacity();
        Map<String, Double> byTable = new java.util.HashMap<>();
        writes.forEach(c -> byTable.put(c.tableName(), c.capacityUnits()));
        assertEquals(Map.of(table, 2.0 + 4.0, other, 2.0), byTable);
    }

    @Test
    void transactionalReadsCostTwice() {
        String other = Tables.createHashTable(client, "cap2", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(sized("a", 100)));
        client.putItem(r -> r.tableName(other).item(sized("c", 5 * KB)));
        List<ConsumedCapacity> reads = client.transactGetItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(table).key(key("a")).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(other).key(key("c")).build()).build())).consumedCapacity();
        Map<String, Double> readByTable = new java.util.HashMap<>();
        reads.forEach(c -> readByTable.put(c.tableName(), c.capacityUnits()));
        assertEquals(Map.of(table, 2.0, other, 4.0), readByTable);
    }

    @Test
    void returnItemCollectionMetricsIsAcceptedAndEmptyWithoutLocalSecondaryIndexes() {
        PutItemResponse response = client.putItem(r -> r.tableName(table).item(sized("a", 100))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertNull(response.itemCollectionMetrics());
        assertFalse(client.updateItem(r -> r.tableName(table).key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(item(":v", n(1))).returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE))
                .hasAttributes());
        client.deleteItem(r -> r.tableName(table).key(key("a")).returnItemCollectionMetrics(ReturnItemCollectionMetrics.NONE));
    }
}
