package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.assertSameItem;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** BatchGetItem (API Reference, BatchGetItem): several tables, projections, limits and errors. */
@ExtendWith(StackExtension.class)
class BatchGetItemIT {

    private final DynamoDbClient client;
    private String first;
    private String second;

    BatchGetItemIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @BeforeEach
    void createTables() {
        first = Tables.createHashTable(client, "bget1", ScalarAttributeType.S);
        second = Tables.createHashTable(client, "bget2", ScalarAttributeType.S);
        for (int i = 0; i < 5; i++) {
            int k = i;
            client.putItem(r -> r.tableName(first).item(item("pk", s("a" + k), "v", n(k), "w", s("first"))));
            client.putItem(r -> r.tableName(second).item(item("pk", s("b" + k), "v", n(k * 10), "w", s("second"))));
        }
    }

    private static List<Map<String, AttributeValue>> sorted(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(m -> m.get("pk").s()));
        return copy;
    }

    @Test
    void readsFromSeveralTablesAtOnce() {
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(key("a1"), key("a3"), key("absent")).build(),
                second, KeysAndAttributes.builder().keys(key("b0")).consistentRead(true).build())));
        assertEquals(2, response.responses().size());
        List<Map<String, AttributeValue>> fromFirst = sorted(response.responses().get(first));
        assertEquals(2, fromFirst.size(), "a missing key is simply not returned");
        assertSameItem(item("pk", s("a1"), "v", n(1), "w", s("first")), fromFirst.get(0));
        assertSameItem(item("pk", s("a3"), "v", n(3), "w", s("first")), fromFirst.get(1));
        assertSameItem(item("pk", s("b0"), "v", n(0), "w", s("second")), response.responses().get(second).get(0));
        assertTrue(response.unprocessedKeys().isEmpty());
    }

    @Test
    void onlyMissingKeysGiveAnEmptyListForTheTable() {
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(key("nope")).build())));
        assertEquals(List.of(), response.responses().get(first));
    }

    @Test
    void projectionsPerTable() {
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(key("a2")).projectionExpression("#v").expressionAttributeNames(Map.of("#v", "v")).build(),
                second, KeysAndAttributes.builder().keys(key("b2")).projectionExpression("w, pk").build())));
        assertSameItem(item("v", n(2)), response.responses().get(first).get(0));
        assertSameItem(item("pk", s("b2"), "w", s("second")), response.responses().get(second).get(0));
    }

    @Test
    void upToOneHundredKeys() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(key("a" + i));
        }
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(first, KeysAndAttributes.builder().keys(keys).build())));
        assertEquals(5, response.responses().get(first).size());
        assertTrue(response.unprocessedKeys().isEmpty());
    }

    @Test
    void moreThanOneHundredKeysAreRejected() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add(key("a" + i));
        }
        List<Map<String, AttributeValue>> more = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            more.add(key("b" + i));
        }
        expectValidation("Too many items requested for the BatchGetItem call", () -> client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(keys).build(), second, KeysAndAttributes.builder().keys(more).build()))));
    }

    @Test
    void duplicateKeysAreRejected() {
        expectValidation("Provided list of item keys contains duplicates", () -> client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(key("a1"), key("a1")).build()))));
    }

    /**
     * Duplicate keys are a validation of the request, made before any table is looked up: DynamoDB answers them
     * for a table that does not exist too (observed against DynamoDB, extenddb#192), and before a missing table
     * named earlier in the request.
     */
    @Test
    void duplicateKeysAreRejectedBeforeTheTablesAreLookedUp() {
        java.util.Map<String, KeysAndAttributes> items = new java.util.LinkedHashMap<>();
        items.put("no-such-table", KeysAndAttributes.builder().keys(key("a1")).build());
        items.put(first, KeysAndAttributes.builder().keys(key("a1"), key("a1")).build());
        expectValidation("Provided list of item keys contains duplicates", () -> client.batchGetItem(r -> r.requestItems(
                items)));
        expectValidation("Provided list of item keys contains duplicates", () -> client.batchGetItem(r -> r.requestItems(
                Map.of("no-such-table", KeysAndAttributes.builder().keys(key("a1"), key("a1")).build()))));
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(key("a1")).build(),
                "no-such-table", KeysAndAttributes.builder().keys(key("a1")).build()))));
    }

    /**
     * DEVIATION from DynamoDB Local (message only): DynamoDB answers constraint messages (for an empty map the one of
     * its 2026 validation framework, which most regions answer, where it said "The requestItems parameter is required
     * for BatchGetItem" before); DynamoDB Local words both differently.
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void anEmptyRequestIsRejected() {
        expectValidation("1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 1", () -> client.batchGetItem(r -> r.requestItems(Map.of())));
        expectValidation("1 validation error detected: Value '[]' at 'requestItems." + first + ".member.keys' failed to"
                + " satisfy constraint: Member must have length greater than or equal to 1",
                () -> client.batchGetItem(r -> r.requestItems(Map.of(first, KeysAndAttributes.builder().keys(List.of()).build()))));
    }

    @Test
    void legacyAndExpressionProjectionsCannotBeMixedInOneRequest() {
        expectValidation("Can not use both expression and non-expression parameters in the same request: Non-expression"
                + " parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                () -> client.batchGetItem(r -> r.requestItems(Map.of(
                        first, KeysAndAttributes.builder().keys(key("a2")).projectionExpression("v").build(),
                        second, KeysAndAttributes.builder().keys(key("b2")).attributesToGet("w").build()))));
        BatchGetItemResponse legacy = client.batchGetItem(r -> r.requestItems(Map.of(
                second, KeysAndAttributes.builder().keys(key("b2")).attributesToGet("w").build())));
        assertSameItem(item("w", s("second")), legacy.responses().get(second).get(0));
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB answers a key with an attribute that is not part of
     * the key schema with "The provided key element does not match the schema"; DynamoDB Local says "The number of
     * conditions on the keys is invalid".
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void keysMustMatchTheSchema() {
        expectValidation("The provided key element does not match the schema", () -> client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(item("pk", s("a1"), "v", n(1))).build()))));
    }

    @Test
    void consumedCapacityPerTable() {
        BatchGetItemResponse response = client.batchGetItem(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of(
                        first, KeysAndAttributes.builder().keys(key("a1"), key("a2")).consistentRead(true).build(),
                        second, KeysAndAttributes.builder().keys(key("b1")).build())));
        assertEquals(2, response.consumedCapacity().size());
        Map<String, Double> byTable = new java.util.HashMap<>();
        for (ConsumedCapacity c : response.consumedCapacity()) {
            byTable.put(c.tableName(), c.capacityUnits());
        }
        assertEquals(2.0, byTable.get(first), "two strongly consistent reads of small items");
        assertEquals(0.5, byTable.get(second), "one eventually consistent read of a small item");
    }
}
