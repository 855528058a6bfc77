package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Several gateways in front of the same services (run with {@code dynamis.it.gateways=2}, the shards run;
 * skipped with one gateway): what is written through one gateway is read through another at once, a
 * table created through one is served by the other, and a ClientRequestToken is one token whichever
 * gateway a repeat goes to; and the suite's own clients ({@link DynamisStack#client()}), with which the
 * other classes of that run work, send every other request to the second gateway.
 */
@ExtendWith(StackExtension.class)
class GatewaysIT {

    private final DynamisStack stack;
    private final DynamoDbClient first;
    private final DynamoDbClient second;

    GatewaysIT(DynamisStack stack) {
        assumeTrue(stack.gateways() > 1 && !stack.isExternal(), "runs against several gateways only");
        this.stack = stack;
        this.first = stack.client(stack.gatewayEndpoint(0), stack.credentials());
        this.second = stack.client(stack.gatewayEndpoint(1), stack.credentials());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void theSuitesClientsSendEveryOtherRequestToTheSecondGateway() {
        try (DynamoDbClient spread = stack.client()) {
            stack.stop("api-gateway-1");
            try {
                int refused = 0;
                for (int i = 0; i < 4; i++) {
                    try {
                        spread.listTables();
                    } catch (SdkClientException e) { // connection refused, also on the SDK's retries
                        refused++;
                    }
                }
                assertEquals(2, refused, "of 4 requests, those refused with the second gateway stopped");
            } finally {
                stack.start();
            }
        }
    }

    @Test
    void aTableCreatedThroughOneGatewayIsServedByTheOther() {
        String table = Tables.createHashTable(second, "gateways-table", ScalarAttributeType.S);
        assertEquals(TableStatus.ACTIVE, first.describeTable(r -> r.tableName(table)).table().tableStatus());
        first.putItem(r -> r.tableName(table).item(item("pk", s("a"), "n", n(1))));
        first.deleteTable(r -> r.tableName(table));
        assertFalse(second.listTables().tableNames().contains(table), "deleted through the first gateway");
    }

    @Test
    void whatOneGatewayWritesTheOtherReadsAtOnce() {
        String table = Tables.createHashTable(first, "gateways-items", ScalarAttributeType.S);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 40; i++) { // 40 partitions: on every shard
            DynamoDbClient writer = i % 2 == 0 ? first : second;
            DynamoDbClient reader = writer == first ? second : first;
            String pk = "item-" + i;
            keys.add(pk);
            writer.putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n(1))));
            assertEquals(item("pk", s(pk), "n", n(1)),
                    reader.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).item(), "put, then read");
            reader.updateItem(r -> r.tableName(table).key(key(pk)).updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", n(1))));
            assertEquals(n(2), writer.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).item().get("n"),
                    "updated through the other gateway");
        }
        List<String> scanned = new ArrayList<>();
        second.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(i -> scanned.add(i.get("pk").s()));
        assertEquals(keys, new HashSet<>(scanned));
        assertEquals(keys.size(), scanned.size());
        for (String pk : keys) {
            first.deleteItem(r -> r.tableName(table).key(key(pk)));
            assertFalse(second.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).hasItem(),
                    pk + " deleted through the first gateway");
        }
    }

    @Test
    void aClientRequestTokenRepeatedThroughTheOtherGatewayIsTheSameTransaction() {
        String table = Tables.createHashTable(first, "gateways-tokens", ScalarAttributeType.S);
        String token = UUID.randomUUID().toString();
        TransactWriteItem addOne = TransactWriteItem.builder().update(u -> u.tableName(table).key(key("counter"))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n(1)))).build();
        first.transactWriteItems(r -> r.clientRequestToken(token).transactItems(addOne));
        second.transactWriteItems(r -> r.clientRequestToken(token).transactItems(addOne));
        Map<String, AttributeValue> counter = first.getItem(r -> r.tableName(table).key(key("counter")).consistentRead(true))
                .item();
        assertEquals(n(1), counter.get("n"), "the repeat through the second gateway was not applied again");
        TransactWriteItem addTwo = TransactWriteItem.builder().update(u -> u.tableName(table).key(key("counter"))
                .updateExpression("ADD n :two").expressionAttributeValues(Map.of(":two", n(2)))).build();
        assertThrows(IdempotentParameterMismatchException.class,
                () -> second.transactWriteItems(r -> r.clientRequestToken(token).transactItems(addTwo)));
    }
}
