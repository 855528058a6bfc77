package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables and items outlive a full stop and start of the stack. */
@ExtendWith(StackExtension.class)
@OwnStackOnly
class PersistenceIT {

    private final DynamisStack stack;

    PersistenceIT(DynamisStack stack) {
        this.stack = stack;
    }

    @Test
    void itemsSurviveAFullStopAndStart() {
        String table;
        int count = 200;
        try (DynamoDbClient client = stack.client()) {
            table = Tables.createHashRangeTable(client, "durable");
            for (int i = 0; i < count; i++) {
                String sk = Integer.toString(i);
                client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p" + (Integer.parseInt(sk) % 7)),
                        "sk", AttributeValue.fromN(sk), "payload", AttributeValue.fromS("value-" + sk))));
            }
            client.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p0"), "sk", AttributeValue.fromN("0"))));
        }

        String afterStop;
        try {
            stack.stop();
            afterStop = stack.status();
        } finally {
            stack.start();
        }
        assertTrue(afterStop.contains("stopped"), afterStop);
        assertFalse(afterStop.contains("running"), "./dynamis stop leaves no process behind: " + afterStop);

        try (DynamoDbClient client = stack.client()) {
            assertTrue(client.listTables().tableNames().contains(table));
            assertEquals(count - 1, client.describeTable(b -> b.tableName(table)).table().itemCount());
            for (int i = 1; i < count; i++) {
                String sk = Integer.toString(i);
                Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Map.of(
                        "pk", AttributeValue.fromS("p" + (Integer.parseInt(sk) % 7)), "sk", AttributeValue.fromN(sk)))).item();
                assertEquals("value-" + sk, item.get("payload").s());
            }
            assertTrue(client.getItem(b -> b.tableName(table).key(Map.of(
                    "pk", AttributeValue.fromS("p0"), "sk", AttributeValue.fromN("0")))).item().isEmpty());
        }
    }
}
