package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A table named by its ARN: "You can also provide the Amazon Resource Name (ARN) of the table in this parameter"
 * (DynamoDB's API reference, TableName of the operations on an existing table). Batch answers are keyed, and
 * ConsumedCapacity names the table, as the request named it.
 */
@ExtendWith(StackExtension.class)
class TableArnIT {

    private static final String OTHER_ACCOUNT = "arn:aws:dynamodb:us-east-1:111122223333:table/";
    private static final String OTHER_REGION = "arn:aws:dynamodb:eu-west-3:000000000000:table/";

    private final DynamoDbClient client;

    TableArnIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private String arnOf(String table) {
        return client.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    private static Map<String, AttributeValue> item(String pk, String value) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(value));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    @Test
    void itemOperationsQueryAndScanTakeTheTableArn() {
        String table = Tables.createHashTable(client, "arn-items", ScalarAttributeType.S);
        String arn = arnOf(table);

        var put = client.putItem(b -> b.tableName(arn).item(item("a", "1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(arn, put.consumedCapacity().tableName());
        assertEquals(item("a", "1"), client.getItem(b -> b.tableName(table).key(key("a"))).item());

        var get = client.getItem(b -> b.tableName(arn).key(key("a")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(item("a", "1"), get.item());
        assertEquals(arn, get.consumedCapacity().tableName());

        client.updateItem(b -> b.tableName(arn).key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2"))));
        var query = client.query(b -> b.tableName(arn).keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("a")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(List.of(item("a", "2")), query.items());
        assertEquals(arn, query.consumedCapacity().tableName());
        var scan = client.scan(b -> b.tableName(arn).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(List.of(item("a", "2")), scan.items());
        assertEquals(arn, scan.consumedCapacity().tableName());

        client.deleteItem(b -> b.tableName(arn).key(key("a")));
        assertEquals(0, client.scan(b -> b.tableName(table)).count());
    }

    @Test
    void batchAnswersAreKeyedAsTheRequestNamedTheTables() {
        String byArn = Tables.createHashTable(client, "arn-batch", ScalarAttributeType.S);
        String byName = Tables.createHashTable(client, "name-batch", ScalarAttributeType.S);
        String arn = arnOf(byArn);

        BatchWriteItemResponse written = client.batchWriteItem(b -> b.requestItems(Map.of(
                        arn, List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(item("a", "1")).build())
                                .build()),
                        byName, List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(item("b", "2")).build())
                                .build())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(Map.of(), written.unprocessedItems());
        assertEquals(Map.of(arn, 1.0, byName, 1.0), capacityByTable(written.consumedCapacity()));

        BatchGetItemResponse read = client.batchGetItem(b -> b.requestItems(Map.of(
                        arn, KeysAndAttributes.builder().keys(key("a")).build(),
                        byName, KeysAndAttributes.builder().keys(key("b")).build()))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(Map.of(arn, List.of(item("a", "1")), byName, List.of(item("b", "2"))), read.responses());
        assertEquals(java.util.Set.of(arn, byName), capacityByTable(read.consumedCapacity()).keySet());
    }

    private static Map<String, Double> capacityByTable(List<ConsumedCapacity> capacities) {
        return capacities.stream().collect(java.util.stream.Collectors.toMap(ConsumedCapacity::tableName,
                ConsumedCapacity::capacityUnits));
    }

    @Test
    void aBatchNamingOneTableByNameAndByArnIsRefused() {
        String table = Tables.createHashTable(client, "arn-twice", ScalarAttributeType.S);
        String arn = arnOf(table);
        Errors.expectValidation("One or more parameter values were invalid: Table " + table
                + " is named twice in RequestItems: as " + table + " and as " + arn,
                () -> client.batchGetItem(b -> b.requestItems(ordered(table, arn))));
    }

    private static Map<String, KeysAndAttributes> ordered(String first, String second) {
        Map<String, KeysAndAttributes> items = new java.util.LinkedHashMap<>();
        items.put(first, KeysAndAttributes.builder().keys(key("a")).build());
        items.put(second, KeysAndAttributes.builder().keys(key("b")).build());
        return items;
    }

    @Test
    void transactionsTakeTheTableArnInEachItem() {
        String table = Tables.createHashTable(client, "arn-tx", ScalarAttributeType.S);
        String arn = arnOf(table);
        var written = client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(arn).item(item("a", "1"))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(arn).key(key("b"))
                                .updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2")))).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(List.of(arn), written.consumedCapacity().stream().map(ConsumedCapacity::tableName).toList());
        var read = client.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(arn).key(key("a"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(key("b"))).build()));
        assertEquals(List.of(item("a", "1"), item("b", "2")),
                read.responses().stream().map(r -> r.item()).toList());
    }

    @Test
    void tableTtlAndBackupOperationsTakeTheTableArn() {
        String table = Tables.createHashTable(client, "arn-table", ScalarAttributeType.S);
        String arn = arnOf(table);
        assertEquals(table, client.describeTable(b -> b.tableName(arn)).table().tableName());
        client.updateTimeToLive(b -> b.tableName(arn).timeToLiveSpecification(s -> s.attributeName("expires")
                .enabled(true)));
        assertEquals("expires", client.describeTimeToLive(b -> b.tableName(arn)).timeToLiveDescription()
                .attributeName());
        assertEquals("DISABLED", client.describeContinuousBackups(b -> b.tableName(arn))
                .continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString());
        var backup = client.createBackup(b -> b.tableName(arn).backupName("by-arn")).backupDetails();
        assertTrue(backup.backupArn().startsWith(arn + "/backup/"), backup.backupArn());
        assertTrue(client.listBackups(b -> b.tableName(arn)).backupSummaries().stream()
                .anyMatch(s -> s.backupArn().equals(backup.backupArn())));
        client.updateTable(b -> b.tableName(arn).deletionProtectionEnabled(true));
        assertTrue(client.describeTable(b -> b.tableName(table)).table().deletionProtectionEnabled());
        client.updateTable(b -> b.tableName(arn).deletionProtectionEnabled(false));
        assertEquals(table, client.deleteTable(b -> b.tableName(arn)).tableDescription().tableName());
    }

    @Test
    void anArnOfAnotherAccountOrRegionNamesATableThatIsNotHere() {
        String table = Tables.createHashTable(client, "arn-foreign", ScalarAttributeType.S);
        for (String foreign : List.of(OTHER_ACCOUNT + table, OTHER_REGION + table)) {
            Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException", "Requested resource not found",
                    () -> client.getItem(b -> b.tableName(foreign).key(key("a"))));
            Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Requested resource not found: Table: " + foreign + " not found",
                    () -> client.describeTable(b -> b.tableName(foreign)));
            Errors.expect(TableNotFoundException.class, "TableNotFoundException", "Table not found: " + foreign,
                    () -> client.createBackup(b -> b.tableName(foreign).backupName("foreign")));
        }
    }

    @Test
    void anArnThatNamesNoTableIsRefusedAsATableName() {
        String index = "arn:aws:dynamodb:us-east-1:000000000000:table/t/index/i";
        Errors.expectValidation("1 validation error detected: Value '" + index + "' at 'tableName' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> client.getItem(b -> b.tableName(index).key(key("a"))));
    }
}
