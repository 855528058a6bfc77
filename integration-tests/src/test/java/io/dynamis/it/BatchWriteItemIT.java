package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem (API Reference, BatchWriteItem): puts and deletes across tables, limits and errors. */
@ExtendWith(StackExtension.class)
class BatchWriteItemIT {

    private final DynamoDbClient client;
    private String first;
    private String second;

    BatchWriteItemIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @BeforeEach
    void createTables() {
        first = Tables.createHashTable(client, "bwrite1", ScalarAttributeType.S);
        second = Tables.createHashTable(client, "bwrite2", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(first).item(item("pk", s("old"), "v", n(1))));
    }

    private static WriteRequest put(String pk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", s(pk), "v", s("put " + pk))).build()).build();
    }

    private static WriteRequest delete(String pk) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(pk)).build()).build();
    }

    private boolean exists(String table, String pk) {
        return client.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).hasItem();
    }

    @Test
    void putsAndDeletesAcrossTables() {
        BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(Map.of(
                first, List.of(put("p1"), put("p2"), delete("old"), delete("absent")),
                second, List.of(put("q1")))));
        assertTrue(response.unprocessedItems().isEmpty());
        assertTrue(exists(first, "p1"));
        assertTrue(exists(first, "p2"));
        assertFalse(exists(first, "old"));
        assertTrue(exists(second, "q1"));
        assertEquals(s("put p1"), client.getItem(r -> r.tableName(first).key(key("p1"))).item().get("v"));
    }

    @Test
    void upToTwentyFiveRequests() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(put("w" + i));
        }
        List<WriteRequest> more = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            more.add(put("x" + i));
        }
        assertTrue(client.batchWriteItem(r -> r.requestItems(Map.of(first, writes, second, more))).unprocessedItems().isEmpty());
        assertTrue(exists(first, "w19"));
        assertTrue(exists(second, "x4"));
    }

    @Test
    void moreThanTwentyFiveRequestsAreRejected() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(put("w" + i));
        }
        List<WriteRequest> more = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            more.add(put("x" + i));
        }
        expectValidation("Too many items requested for the BatchWriteItem call",
                () -> client.batchWriteItem(r -> r.requestItems(Map.of(first, writes, second, more))));
        assertFalse(exists(first, "w0"), "nothing was written");
    }

    @Test
    void twoRequestsForOneItemAreRejected() {
        expectValidation("Provided list of item keys contains duplicates",
                () -> client.batchWriteItem(r -> r.requestItems(Map.of(first, List.of(put("d"), delete("d"))))));
        expectValidation("Provided list of item keys contains duplicates",
                () -> client.batchWriteItem(r -> r.requestItems(Map.of(first, List.of(put("d"), put("d"))))));
        assertFalse(exists(first, "d"));
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> client.batchWriteItem(r -> r.requestItems(Map.of(first, List.of(put("m")), "no-such-table", List.of(put("m"))))));
        assertFalse(exists(first, "m"), "nothing was written");
    }

    /**
     * DEVIATION from DynamoDB Local (message only): DynamoDB says "The requestItems parameter is required for
     * BatchWriteItem" for an empty map (in every region as of 2026, where BatchGetItem moved to a constraint message)
     * and quotes the table's empty list in a constraint message; DynamoDB Local says "BatchWriteItem cannot have a null
     * or no requests set" for both.
     */
    @Test
    @org.junit.jupiter.api.Tag("ddblocal-deviation")
    void anEmptyRequestIsRejected() {
        expectValidation("The requestItems parameter is required for BatchWriteItem",
                () -> client.batchWriteItem(r -> r.requestItems(Map.of())));
        expectValidation("1 validation error detected: Value '{" + first + "=[]}' at 'requestItems' failed to satisfy"
                + " constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25,"
                + " Member must have length greater than or equal to 1]",
                () -> client.batchWriteItem(r -> r.requestItems(Map.of(first, List.of()))));
    }

    @Test
    void anInvalidItemFailsTheWholeBatch() {
        expectValidation("One or more parameter values were invalid: Missing the key pk in the item",
                () -> client.batchWriteItem(r -> r.requestItems(Map.of(first, List.of(put("ok"),
                WriteRequest.builder().putRequest(PutRequest.builder().item(item("other", s("x"))).build()).build())))));
        assertFalse(exists(first, "ok"), "nothing was written");
    }

    @Test
    void consumedCapacityPerTable() {
        BatchWriteItemResponse response = client.batchWriteItem(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of(first, List.of(put("c1"), put("c2"), delete("old")), second, List.of(put("c3")))));
        Map<String, Double> byTable = new java.util.HashMap<>();
        for (ConsumedCapacity c : response.consumedCapacity()) {
            byTable.put(c.tableName(), c.capacityUnits());
        }
        assertEquals(Map.of(first, 3.0, second, 1.0), byTable);
    }
}
