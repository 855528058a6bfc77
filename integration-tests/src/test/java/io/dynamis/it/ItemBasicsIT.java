package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** PutItem, GetItem and DeleteItem in their plain forms, with every attribute type, and their errors. */
@ExtendWith(StackExtension.class)
class ItemBasicsIT {

    private final DynamoDbClient client;

    ItemBasicsIT(DynamisStack stack) {
        this.client = stack.client();
    }

    static Map<String, AttributeValue> everyType(String pk) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("s", AttributeValue.fromS("hello ünïcödé ✓"));
        item.put("emptyString", AttributeValue.fromS(""));
        item.put("n", AttributeValue.fromN("-12345678901234567890.123456789012345678"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
        item.put("bool", AttributeValue.fromBool(true));
        item.put("null", AttributeValue.fromNul(true));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("x"),
                "deeper", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("1"))))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("2"),
                AttributeValue.fromL(List.of(AttributeValue.fromBool(false))))));
        item.put("ss", AttributeValue.fromSs(List.of("x", "y", "z")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5", "-3")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}),
                SdkBytes.fromByteArray(new byte[] {2, 3}))));
        return item;
    }

    @Test
    void itemOfEveryTypeRoundTrips() {
        String table = Tables.createHashTable(client, "types", ScalarAttributeType.S);
        Map<String, AttributeValue> item = everyType("all-types");
        client.putItem(b -> b.tableName(table).item(item));

        GetItemResponse got = client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("all-types"))));
        assertEquals(item, got.item());
    }

    @Test
    void numbersAreExactAndNormalized() {
        String table = Tables.createHashTable(client, "numbers", ScalarAttributeType.N);
        client.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromN("1.50"),
                "big", AttributeValue.fromN("99999999999999999999999999999999999999"),
                "tiny", AttributeValue.fromN("0.000000000000000000000000000000000001"))));
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromN("1.5")))).item();
        assertEquals("1.5", item.get("pk").n(), "1.50 and 1.5 are the same key");
        assertEquals("99999999999999999999999999999999999999", item.get("big").n());
        assertEquals("0.000000000000000000000000000000000001", item.get("tiny").n());
    }

    @Test
    void putReplacesTheWholeItemAndReturnsTheOldOneWhenAsked() {
        String table = Tables.createHashRangeTable(client, "replace");
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("k"), "sk", AttributeValue.fromN("1"));
        Map<String, AttributeValue> first = new LinkedHashMap<>(key);
        first.put("a", AttributeValue.fromS("first"));
        Map<String, AttributeValue> second = new LinkedHashMap<>(key);
        second.put("b", AttributeValue.fromS("second"));

        PutItemResponse none = client.putItem(b -> b.tableName(table).item(first).returnValues(ReturnValue.ALL_OLD));
        assertFalse(none.hasAttributes());
        PutItemResponse old = client.putItem(b -> b.tableName(table).item(second).returnValues(ReturnValue.ALL_OLD));
        assertEquals(first, old.attributes());
        assertEquals(second, client.getItem(b -> b.tableName(table).key(key)).item());
    }

    @Test
    void sortKeysKeepItemsOfOnePartitionApart() {
        String table = Tables.createHashRangeTable(client, "sorted");
        for (int i = 0; i < 3; i++) {
            String sk = Integer.toString(i);
            client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN(sk), "v", AttributeValue.fromS("value" + sk))));
        }
        for (int i = 0; i < 3; i++) {
            String sk = Integer.toString(i);
            assertEquals("value" + sk, client.getItem(b -> b.tableName(table).key(Map.of(
                    "pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN(sk)))).item().get("v").s());
        }
        assertEquals(3L, client.describeTable(b -> b.tableName(table)).table().itemCount());
    }

    @Test
    void deleteRemovesTheItemAndReturnsItWhenAsked() {
        String table = Tables.createHashTable(client, "delete", ScalarAttributeType.S);
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("gone"), "v", AttributeValue.fromN("7"));
        client.putItem(b -> b.tableName(table).item(item));
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("gone"));
        assertEquals(item, client.deleteItem(b -> b.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)).attributes());
        assertFalse(client.getItem(b -> b.tableName(table).key(key)).hasItem());
        assertFalse(client.deleteItem(b -> b.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)).hasAttributes(),
                "deleting a missing item succeeds and returns nothing");
    }

    @Test
    void getOfAMissingItemAnswersNoItem() {
        String table = Tables.createHashTable(client, "missing", ScalarAttributeType.S);
        GetItemResponse got = client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("nothing"))));
        assertFalse(got.hasItem());
    }

    @Test
    void attributesToGetSelectsTopLevelAttributes() {
        String table = Tables.createHashTable(client, "select", ScalarAttributeType.S);
        client.putItem(b -> b.tableName(table).item(everyType("sel")));
        Map<String, AttributeValue> got = client.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("sel"))).attributesToGet("s", "n", "absent")).item();
        assertEquals(Map.of("s", everyType("sel").get("s"), "n", everyType("sel").get("n")), got);
    }

    @Test
    void consumedCapacityIsReportedWhenAsked() {
        String table = Tables.createHashTable(client, "capacity", ScalarAttributeType.S);
        var put = client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("c")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, put.consumedCapacity().capacityUnits());
        assertEquals(table, put.consumedCapacity().tableName());
        var get = client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("c")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(0.5, get.consumedCapacity().capacityUnits());
        var strong = client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("c")))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, strong.consumedCapacity().capacityUnits());
    }

    @Test
    void itemOperationsOnAMissingTableAreResourceNotFound() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("x"));
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> client.putItem(b -> b.tableName("no-such-table").item(key)));
        assertEquals("Requested resource not found", e.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> client.getItem(b -> b.tableName("no-such-table").key(key)));
        assertThrows(ResourceNotFoundException.class, () -> client.deleteItem(b -> b.tableName("no-such-table").key(key)));
    }

    @Test
    void putWithoutTheKeyAttributeIsRejected() {
        String table = Tables.createHashTable(client, "nokey", ScalarAttributeType.S);
        DynamoDbException e = assertThrows(DynamoDbException.class,
                () -> client.putItem(b -> b.tableName(table).item(Map.of("other", AttributeValue.fromS("x")))));
        assertValidation(e, "One or more parameter values were invalid: Missing the key pk in the item");
    }

    @Test
    void putWithAKeyOfTheWrongTypeIsRejected() {
        String table = Tables.createHashTable(client, "keytype", ScalarAttributeType.S);
        DynamoDbException e = assertThrows(DynamoDbException.class,
                () -> client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromN("1")))));
        assertValidation(e, "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
    }

    @Test
    void keysThatDoNotMatchTheSchemaAreRejected() {
        String table = Tables.createHashTable(client, "schema", ScalarAttributeType.S);
        DynamoDbException extra = assertThrows(DynamoDbException.class, () -> client.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("a"), "more", AttributeValue.fromS("b")))));
        assertValidation(extra, "The provided key element does not match the schema");
        DynamoDbException wrongType = assertThrows(DynamoDbException.class, () -> client.deleteItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromN("1")))));
        assertValidation(wrongType, "The provided key element does not match the schema");
    }

    @Test
    void emptyStringsAreAllowedInAttributesButNotInKeys() {
        String table = Tables.createHashTable(client, "empty", ScalarAttributeType.S);
        DynamoDbException e = assertThrows(DynamoDbException.class,
                () -> client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("")))));
        assertValidation(e, "One or more parameter values are not valid. The AttributeValue for a key attribute"
                + " cannot contain an empty string value. Key: pk");
        DynamoDbException get = assertThrows(DynamoDbException.class,
                () -> client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("")))));
        assertValidation(get, "One or more parameter values were invalid: The AttributeValue for a key attribute"
                + " cannot contain an empty string value. Key: pk");
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("k"), "e", AttributeValue.fromS(""))));
        assertEquals("", client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("k")))).item().get("e").s());
    }

    @Test
    void invalidValuesAreRejected() {
        String table = Tables.createHashTable(client, "invalid", ScalarAttributeType.S);
        DynamoDbException badNumber = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("k"), "n", AttributeValue.fromN("abc")))));
        assertValidation(badNumber, "The parameter cannot be converted to a numeric value: abc");
        DynamoDbException tooPrecise = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("k"), "n", AttributeValue.fromN("1.23456789012345678901234567890123456789")))));
        assertValidation(tooPrecise, "Attempting to store more than 38 significant digits in a Number");
        DynamoDbException duplicates = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("k"), "ss", AttributeValue.fromSs(List.of("a", "a"))))));
        assertValidation(duplicates, "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        DynamoDbException numericDuplicates = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS("k"), "ns", AttributeValue.fromNs(List.of("1", "1.0"))))));
        assertValidation(numericDuplicates, "Input collection contains duplicates");
    }

    private static void assertValidation(DynamoDbException e, String message) {
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    /**
     * A write with several problems is answered with the first in DynamoDB's order: expression and legacy
     * parameters mixed, then the item's values, then ReturnValues, then the expressions, then the table.
     */
    @Test
    void aWriteWithSeveralProblemsReportsTheFirstInDynamoDbsOrder() {
        String table = Tables.createHashTable(client, "order", ScalarAttributeType.S);
        Map<String, AttributeValue> badNumber = Map.of("pk", AttributeValue.fromS("a"),
                "n", AttributeValue.builder().n("x").build());
        Errors.expectValidation("Can not use both expression and non-expression parameters in the same request:"
                + " Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                () -> client.putItem(b -> b.tableName(table).item(badNumber).conditionExpression("attribute_exists(pk)")
                        .expected(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue
                                .builder().exists(false).build()))));
        Errors.expectValidation("The parameter cannot be converted to a numeric value: x",
                () -> client.putItem(b -> b.tableName(table).item(badNumber).returnValues(ReturnValue.ALL_NEW)));
        Errors.expectValidation("The parameter cannot be converted to a numeric value: x",
                () -> client.putItem(b -> b.tableName("no-such-table").item(badNumber)));
        Errors.expectValidation("ReturnValues can only be ALL_OLD or NONE",
                () -> client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a")))
                        .returnValues(ReturnValue.ALL_NEW).conditionExpression("attribute_exists(")));
    }

}
